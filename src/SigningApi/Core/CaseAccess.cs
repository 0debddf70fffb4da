using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Who may see which case: admins, auditors and the approval system all cases; officers their
/// centre's; a bank the cases entrusted to it; an applicant only the case in their token. A case
/// outside the caller's scope is reported as not found, so its existence does not leak.
/// An action is scoped by the role it is taken in, not by every role of the token: a seal officer
/// who is also an auditor sees every case but seals only their own centre's.
/// </summary>
public sealed class CaseAccess(SigningDbContext db)
{
    public static bool CanSee(ClaimsPrincipal user, SigningCase c) => Roles.All.Any(role => CanActAs(user, role, c));

    /// <summary>Whether the caller holds <paramref name="role"/> and the case lies within that role's scope.</summary>
    public static bool CanActAs(ClaimsPrincipal user, string role, SigningCase c) => user.IsInRole(role) && role switch
    {
        Roles.Admin or Roles.Auditor or Roles.ApprovalSystem => true,
        Roles.LoanOfficer or Roles.SealOfficer => user.CentreOf() == c.CentreCode,
        Roles.Bank => user.BankOf() == c.BankCode,
        Roles.Applicant => user.CaseOf() == c.Id,
        _ => false,
    };

    /// <summary>Loads a case with parties and documents (tracked) if the caller may see it.</summary>
    public async Task<SigningCase> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Cases.Include(x => x.Parties).Include(x => x.Documents).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CanSee(user, c)) throw ApiProblemException.NotFound($"Case {id}");
        return c;
    }

    /// <summary>
    /// Loads a case to act on it as <paramref name="role"/>: not found outside everything the caller
    /// may see, forbidden when they see it only through another of their roles.
    /// </summary>
    public async Task<SigningCase> LoadToActAsAsync(Guid id, ClaimsPrincipal user, string role, CancellationToken ct)
    {
        var c = await LoadAsync(id, user, ct);
        if (!CanActAs(user, role, c))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                $"As {role} you may act only on cases within that role's scope; case {id} is not.", "outside-role-scope");
        return c;
    }

    /// <summary>The cases a caller may list, newest first.</summary>
    public IQueryable<SigningCase> Visible(ClaimsPrincipal user)
    {
        var q = db.Cases.AsNoTracking();
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.ApprovalSystem)) return q;
        var centre = user.CentreOf();
        var bank = user.BankOf();
        var caseId = user.CaseOf();
        var officer = user.IsInRole(Roles.LoanOfficer) || user.IsInRole(Roles.SealOfficer);
        var isBank = user.IsInRole(Roles.Bank);
        return q.Where(c => (officer && c.CentreCode == centre) || (isBank && c.BankCode == bank) || (caseId != null && c.Id == caseId));
    }
}
