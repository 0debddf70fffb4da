using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Notifications;

public static class SmsDeliveryReportEndpoints
{
    /// <summary>The gateway's delivery reports (Kannel calls the dlr-url each message carried); mapped only with a real gateway.</summary>
    public static RouteGroupBuilder MapSmsDeliveryReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sms/delivery-reports/{id:guid}", ReportAsync)
            .AllowAnonymous()
            .WithTags("SMS gateway")
            .WithSummary("Delivery report from the SMS gateway for one message (Kannel dlr-url: type 1 delivered, 2 undeliverable, 4 buffered, 8 accepted, 16 rejected).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    /// <summary>Records the report on the message; an unknown message or a wrong token is 404 (nothing to tell a guesser).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ReportAsync(Guid id, string? token, int? type, SigningDbContext db, TimeProvider time,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var message = await db.Set<SmsOutboxMessage>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(token), Encoding.ASCII.GetBytes(message.ReportToken)) || type is null or < 0 or > 31)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No such message.");
        var row = db.Set<SmsOutboxMessage>().Where(m => m.Id == id);
        var now = time.GetUtcNow();
        await db.WriteAsync(
            c => row.ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveryStatus, type).SetProperty(m => m.DeliveryReportedAt, now), c),
            () => row.ExecuteUpdate(s => s.SetProperty(m => m.DeliveryStatus, type).SetProperty(m => m.DeliveryReportedAt, now)), ct);
        var logger = loggers.CreateLogger("OneThing.SigningApi.Notifications.SmsDeliveryReports");
        if (type is 2 or 16) logger.LogWarning("SMS {MessageId} to {Phone} was not delivered (report type {Type})", id, PhoneMask.Mask(message.Phone), type);
        else logger.LogInformation("SMS {MessageId} to {Phone}: delivery report type {Type}", id, PhoneMask.Mask(message.Phone), type);
        return TypedResults.NoContent();
    }
}
