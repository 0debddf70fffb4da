using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Auth;

/// <summary>
/// An applicant token holds only together with the access link it was issued on: the link must
/// exist, belong to the token's case and party, and have been spent on a code (that is how the token
/// came to be). A token whose signature checks but that names no such link — minted with a leaked
/// key, or for another party's link — is refused like a forged one.
/// </summary>
internal static class ApplicantTokenBinding
{
    public static async Task ValidateAsync(TokenValidatedContext context)
    {
        var user = context.Principal!;
        if (user.LinkOf() is not { } linkId || user.CaseOf() is not { } caseId || user.PartyOf() is not { } partyId)
        {
            context.Fail("the applicant token names no access link, case or party");
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<SigningDbContext>();
        var bound = await db.AccessLinks.AsNoTracking().AnyAsync(
            l => l.Id == linkId && l.CaseId == caseId && l.PartyId == partyId && l.RedeemedAt != null, context.HttpContext.RequestAborted);
        if (!bound) context.Fail("the applicant token's access link does not belong to its case and party");
    }
}
