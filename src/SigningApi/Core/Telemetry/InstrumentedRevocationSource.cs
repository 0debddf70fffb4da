using System.Diagnostics;
using OneThing.Seal.Pki;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>
/// Counts the OCSP responses and CRLs a B-LTA extension obtains (by kind, as the source returns them)
/// and the look-ups that fail; one span per look-up.
/// </summary>
public sealed class InstrumentedRevocationSource(IRevocationSource inner) : IRevocationSource
{
    private static readonly KeyValuePair<string, object?> Ocsp = new("kind", "ocsp");
    private static readonly KeyValuePair<string, object?> Crl = new("kind", "crl");

    public async Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        using var activity = OneThingActivity.Start("revocation", kind: ActivityKind.Client);
        try
        {
            var evidence = await inner.GetAsync(certificate, issuer, cancellationToken);
            if (evidence.OcspResponses.Count > 0) OneThingMetrics.RevocationRequests.Add(evidence.OcspResponses.Count, Ocsp);
            if (evidence.Crls.Count > 0) OneThingMetrics.RevocationRequests.Add(evidence.Crls.Count, Crl);
            return evidence;
        }
        catch (Exception e)
        {
            OneThingMetrics.RevocationFailures.Add(1);
            activity.Fail(e);
            throw;
        }
    }
}
