using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Applicant access: signing links, the identity check and one-time codes with their limits, and re-invitations.</summary>
    public static IServiceCollection AddApplicantAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApplicantAccessOptions, ApplicantAccessOptionsValidator>(configuration, ApplicantAccessOptions.SectionName);
        services.AddScoped<ApplicantAccessService>();
        services.AddScoped<ISignerLinks>(sp => sp.GetRequiredService<ApplicantAccessService>());
        services.AddScoped<PartyInvitations>();
        services.AddAccessRateLimits();
        services.AddApplicantSessionCheck();
        return services;
    }
}
