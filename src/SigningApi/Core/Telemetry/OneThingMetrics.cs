using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>
/// The service's own counters and histograms (meter <c>OneThing</c>), recorded wherever the event
/// happens. A BCL <see cref="Meter"/>: with no listener (metrics not exported) a record is a flag check.
/// Observable gauges (outbox, cases by status, certificate expiry) are defined where their state is
/// sampled, in the telemetry feature. Names follow OpenTelemetry's conventions; the Prometheus exporter
/// turns <c>onething.signatures</c> into <c>onething_signatures_total</c> and a histogram in unit
/// <c>s</c> into <c>..._seconds</c>.
/// </summary>
public static class OneThingMetrics
{
    public const string MeterName = "OneThing";

    public static readonly Meter Meter = new(MeterName);

    // OpenTelemetry's default buckets (0–10,000) are made for milliseconds; these suit seconds, from a
    // few-ms signature to a consumer waiting on a slow adapter.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30],
    };

    /// <summary>One document signature (or its B-LTA extension) by step: applicant, countersign, seal, ltv.</summary>
    public static readonly Histogram<double> SignDuration = Meter.CreateHistogram<double>(
        "onething.sign.duration", "s", "Time to make one document signature, by step (applicant, countersign, seal, ltv)", tags: null, advice: SecondsBuckets);

    public static readonly Counter<long> Signatures = Meter.CreateCounter<long>(
        "onething.signatures", description: "Document signatures made, by role (applicant, officer, seal)");

    public static readonly Counter<long> Seals = Meter.CreateCounter<long>(
        "onething.seals", description: "Cases sealed (the centre seal applied to all of a case's documents)");

    public static readonly Counter<long> TimestampRequests = Meter.CreateCounter<long>(
        "onething.timestamp.requests", description: "RFC 3161 timestamp requests made to the TSA");

    public static readonly Counter<long> TimestampFailures = Meter.CreateCounter<long>(
        "onething.timestamp.failures", description: "Timestamp requests that failed");

    public static readonly Counter<long> RevocationRequests = Meter.CreateCounter<long>(
        "onething.revocation.requests", description: "OCSP responses and CRLs obtained for B-LTA validation data, by kind (ocsp, crl)");

    public static readonly Counter<long> RevocationFailures = Meter.CreateCounter<long>(
        "onething.revocation.failures", description: "Revocation look-ups for B-LTA validation data that failed");

    public static readonly Counter<long> Verifications = Meter.CreateCounter<long>(
        "onething.verifications", description: "Document verifications, by verdict");

    public static readonly Histogram<double> ConsumerDuration = Meter.CreateHistogram<double>(
        "onething.consumer.duration", "s", "Time to handle one case event, by message type", tags: null, advice: SecondsBuckets);

    public static readonly Counter<long> ConsumerFailures = Meter.CreateCounter<long>(
        "onething.consumer.failures", description: "Case event handlings that threw (MassTransit retries them), by message type");

    public static readonly Counter<long> AccessLockouts = Meter.CreateCounter<long>(
        "onething.access.lockouts", description: "Signing links locked after too many wrong identity or code attempts");

    public static readonly Counter<long> RateLimitRejections = Meter.CreateCounter<long>(
        "onething.rate_limit.rejections", description: "Requests refused by a rate limit (429)");

    // Retries are counted inside the store's own policy (Storage's StoreMetrics, meter OneThing.Storage).
    public static readonly Counter<long> StoreErrors = Meter.CreateCounter<long>(
        "onething.store.errors", description: "Document store calls that failed, by operation (put, get)");

    public static readonly Counter<long> SmsSent = Meter.CreateCounter<long>(
        "onething.sms.sent", description: "SMS messages handed to the gateway");

    public static readonly Counter<long> SmsFailed = Meter.CreateCounter<long>(
        "onething.sms.failed", description: "SMS messages the gateway did not take");

    /// <summary>
    /// Adds 0 to every counter (with each value of its label), so a scrape shows each series from the
    /// start: a failure counter that appears only at its first failure defeats <c>increase()</c> in an alert.
    /// Call once the metrics are being collected. Consumer counters are labelled by message type and
    /// appear with the first event.
    /// </summary>
    public static void StartSeries()
    {
        foreach (var role in new[] { "applicant", "officer", "seal" }) Signatures.Add(0, new KeyValuePair<string, object?>("role", role));
        Seals.Add(0);
        TimestampRequests.Add(0);
        TimestampFailures.Add(0);
        foreach (var kind in new[] { "ocsp", "crl" }) RevocationRequests.Add(0, new KeyValuePair<string, object?>("kind", kind));
        RevocationFailures.Add(0);
        foreach (var verdict in new[] { "valid", "invalid", "unreadable" }) Verifications.Add(0, new KeyValuePair<string, object?>("verdict", verdict));
        foreach (var reason in new[] { "identity", "code" }) AccessLockouts.Add(0, new KeyValuePair<string, object?>("reason", reason));
        RateLimitRejections.Add(0);
        foreach (var operation in new[] { "put", "get" }) StoreErrors.Add(0, new KeyValuePair<string, object?>("operation", operation));
        SmsSent.Add(0);
        SmsFailed.Add(0);
    }

    /// <summary>Seconds since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
