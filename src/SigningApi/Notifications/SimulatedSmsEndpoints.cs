using Microsoft.AspNetCore.Http.HttpResults;

namespace OneThing.SigningApi.Notifications;

public static class SimulatedSmsEndpoints
{
    /// <summary>What the simulated gateway sent; mapped only in embedded mode, beside the development token issuer.</summary>
    public static RouteGroupBuilder MapSimulatedSmsEndpoints(this RouteGroupBuilder api)
    {
        var dev = api.MapGroup("/dev").WithTags("Development (embedded mode only)").AllowAnonymous();

        dev.MapGet("/sms", GetSentSms)
            .WithSummary("Messages the simulated SMS gateway sent (links and one-time codes), newest first.");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<SentSms>>> GetSentSms(string? phone, SimulatedSmsSender sms, CancellationToken ct) =>
        TypedResults.Ok(await sms.SentAsync(phone, ct));
}
