using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Access;

/// <summary>
/// Applicant tokens are revocable: each names the link whose code check issued it, and it is
/// accepted only while that link's session is the party's live one. A re-invitation, a decline, a
/// cancel or the case's expiry ends the session (the party's <c>AccessLinkId</c> is cleared or
/// replaced), so every outstanding token of the party is refused with 401 from then on.
/// </summary>
internal static class ApplicantSessionCheck
{
    public static IServiceCollection AddApplicantSessionCheck(this IServiceCollection services)
    {
        services.PostConfigure<JwtBearerOptions>(AuthSchemes.Applicant, o =>
        {
            var earlier = o.Events?.OnTokenValidated;
            o.Events ??= new JwtBearerEvents();
            o.Events.OnTokenValidated = async context =>
            {
                if (earlier is not null) await earlier(context);
                if (context.Result is { Failure: not null }) return;
                if (!await IsLiveAsync(context)) context.Fail("the access session of this applicant token has ended");
            };
        });
        return services;
    }

    private static async Task<bool> IsLiveAsync(TokenValidatedContext context)
    {
        var user = context.Principal!;
        if (user.PartyOf() is not { } party || user.CaseOf() is not { } caseId || !Guid.TryParse(user.FindFirst(OneThingClaims.Link)?.Value, out var link)) return false;
        var db = context.HttpContext.RequestServices.GetRequiredService<SigningDbContext>();
        var live = await db.Parties.AsNoTracking().Where(p => p.Id == party && p.CaseId == caseId).Select(p => p.AccessLinkId).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        return live == link;
    }
}
