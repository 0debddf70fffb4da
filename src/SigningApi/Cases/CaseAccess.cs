using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Problems;

namespace OneThing.SigningApi.Cases;

/// <summary>
/// Who may see which case: admins, auditors and the approval system all cases; officers their
/// centre's; a bank the cases entrusted to it; an applicant only the case in their token. A case
/// outside the caller's scope is reported as not found, so its existence does not leak.
/// </summary>
public sealed class CaseAccess(SigningDbContext db)
{
    public static bool CanSee(ClaimsPrincipal user, SigningCase c)
    {
        if (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Auditor) || user.IsInRole(Roles.ApprovalSystem)) return true;
        if ((user.IsInRole(Roles.LoanOfficer) || user.IsInRole(Roles.SealOfficer)) && user.CentreOf() == c.CentreCode) return true;
        if (user.IsInRole(Roles.Bank) && user.BankOf() == c.BankCode) return true;
        if (user.IsInRole(Roles.Applicant) && user.CaseOf() == c.Id) return true;
        return false;
    }

    /// <summary>Loads a case with parties and documents (tracked) if the caller may see it.</summary>
    public async Task<SigningCase> LoadAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await db.Cases.Include(x => x.Parties).Include(x => x.Documents).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !CanSee(user, c)) throw ApiProblemException.NotFound($"Case {id}");
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
