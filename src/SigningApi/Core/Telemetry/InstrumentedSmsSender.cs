namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>Counts messages the gateway took and refused, one span per send (no phone number or text on it).</summary>
public sealed class InstrumentedSmsSender(ISmsSender inner) : ISmsSender
{
    public async Task SendAsync(string phone, string text, CancellationToken cancellationToken)
    {
        using var activity = OneThingActivity.Start("sms-send", kind: System.Diagnostics.ActivityKind.Client);
        try
        {
            await inner.SendAsync(phone, text, cancellationToken);
            OneThingMetrics.SmsSent.Add(1);
        }
        catch (Exception e)
        {
            OneThingMetrics.SmsFailed.Add(1);
            activity.Fail(e);
            throw;
        }
    }
}
