using System.Security.Claims;

namespace OneThing.SigningApi.Core.Security;

/// <summary>Claim names and typed accessors for the claims the service relies on.</summary>
public static class OneThingClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    /// <summary>Centre code of a loan or seal officer: they see only that centre's cases.</summary>
    public const string Centre = "centre";
    /// <summary>Code of an entrusted bank: it sees only cases entrusted to it.</summary>
    public const string Bank = "bank";
    /// <summary>Applicant tokens are scoped to one case and one party.</summary>
    public const string Case = "case";
    public const string Party = "party";
    /// <summary>Applicant tokens name the access link they were issued on; the token holds only while that link does.</summary>
    public const string Link = "link";

    public static string SubjectOf(this ClaimsPrincipal user) => user.FindFirstValue(Subject) ?? "anonymous";
    public static string? CentreOf(this ClaimsPrincipal user) => user.FindFirstValue(Centre);
    public static string? BankOf(this ClaimsPrincipal user) => user.FindFirstValue(Bank);
    public static Guid? CaseOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(Case), out var id) ? id : null;
    public static Guid? PartyOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(Party), out var id) ? id : null;
    public static Guid? LinkOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(Link), out var id) ? id : null;

    /// <summary>The first role of the caller that is known to the service (for the timeline).</summary>
    public static string PrimaryRoleOf(this ClaimsPrincipal user) => Roles.All.FirstOrDefault(user.IsInRole) ?? "unknown";
}
