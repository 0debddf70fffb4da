
namespace OneThing.SigningApi.Core.Security;

public static class AuthSchemes
{
    /// <summary>Forwards to <see cref="Staff"/> or <see cref="Applicant"/> by the token's issuer.</summary>
    public const string Bearer = "Bearer";
    public const string Staff = "StaffBearer";
    public const string Applicant = "ApplicantBearer";

    public const string ApplicantIssuer = "onething-applicant-access";
    public const string DevelopmentIssuer = "onething-development-issuer";
}
