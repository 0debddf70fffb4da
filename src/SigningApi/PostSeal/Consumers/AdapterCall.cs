using System.Diagnostics;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.PostSeal.Consumers;

/// <summary>
/// One call to an external system's adapter (registry, bank), in a client span of its own; a failure is
/// logged as <see cref="LogEvents.AdapterFailure"/> before it goes back to MassTransit for a retry.
/// </summary>
internal static class AdapterCall
{
    public static async Task<T?> RunAsync<T>(string span, string adapter, string messageType, Guid caseId, ILogger logger, Func<Task<T?>> call)
        where T : class
    {
        using var activity = OneThingActivity.Start(span, caseId, kind: ActivityKind.Client);
        try
        {
            return await call();
        }
        catch (Exception e)
        {
            activity.Fail(e);
            if (e is not OperationCanceledException) CaseEventLog.AdapterFailure(logger, e, caseId, adapter, messageType);
            throw;
        }
    }
}
