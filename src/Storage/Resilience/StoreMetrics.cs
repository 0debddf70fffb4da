using System.Diagnostics.Metrics;

namespace OneThing.Storage.Resilience;

/// <summary>
/// The store's own counter of retried attempts (meter <c>OneThing.Storage</c>, BCL only): the retries
/// happen inside <see cref="StoreCallPolicy"/>, invisible to the caller, and a climbing count is the
/// first sign of a struggling store. Nothing is recorded unless a listener (the service's metrics) subscribes.
/// </summary>
public static class StoreMetrics
{
    public const string MeterName = "OneThing.Storage";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Shows the series at 0 from the start (call once the metrics are collected).</summary>
    public static void StartSeries() => Retries.Add(0);

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "onething.store.retries", description: "Document store attempts that failed transiently and were retried");
}
