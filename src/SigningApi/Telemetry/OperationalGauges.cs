using System.Diagnostics.Metrics;
using OneThing.Seal.Pki;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Telemetry;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Telemetry;

/// <summary>
/// The observable gauges, on this host's own <c>OneThing</c> meter (disposed with the host): the outbox
/// backlog and cases by status from the sampler's last reading, and the days left on each certificate
/// the service signs, seals, answers OCSP or timestamps with, read from each PKI in memory at each collection and
/// labelled with its PKI (<c>main</c>, <c>sm2</c>: their CAs and TSAs have the same labels).
/// </summary>
public sealed class OperationalGauges : IDisposable
{
    private readonly Meter _meter;

    public OperationalGauges(IMeterFactory meters, OperationalStateSampler sampler, CentrePkis pkis, TimeProvider time)
    {
        _meter = meters.Create(OneThingMetrics.MeterName);
        _meter.CreateObservableGauge("onething.outbox.pending",
            () => sampler.Latest is { } s ? [new Measurement<long>(s.OutboxPending)] : Array.Empty<Measurement<long>>(),
            description: "Outbox rows not yet published to the broker");
        _meter.CreateObservableGauge("onething.outbox.oldest_pending_age",
            () => sampler.Latest is { } s ? [new Measurement<double>(s.OldestPendingAge.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s", description: "Age of the oldest outbox row not yet published (0 when none is pending)");
        _meter.CreateObservableGauge("onething.cases",
            () => sampler.Latest is { } s
                ? s.CasesByStatus.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key.ToString())))
                : [],
            description: "Cases in the database, by status");
        _meter.CreateObservableGauge("onething.certificate.expiry",
            () => pkis.Named.SelectMany(f => Certificates(f.Family.Pki).Select(c => new Measurement<double>(
                (c.Certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime).TotalDays,
                new KeyValuePair<string, object?>("pki", f.Name), new KeyValuePair<string, object?>("certificate", c.Label)))),
            unit: "d", description: "Days until the certificate expires (negative once expired)");
    }

    /// <summary>Every certificate whose expiry stops signing: the CAs, each centre seal, each loan officer, the OCSP responder, the TSA.</summary>
    internal static IEnumerable<(string Label, X509Certificate Certificate)> Certificates(ProductPki pki)
    {
        yield return ("root", pki.RootCa.Certificate);
        yield return ("issuing-ca", pki.IssuingCa.Certificate);
        foreach (var seal in pki.Seals) yield return ($"seal:{seal.SealCode}", seal.Key.Certificate);
        foreach (var officer in pki.Officers) yield return ($"officer:{officer.OfficerId}", officer.Key.Certificate);
        yield return ("ocsp", pki.OcspResponderKey.Certificate);
        yield return ("tsa", pki.TimestampAuthorityKey.Certificate);
    }

    public void Dispose() => _meter.Dispose();
}
