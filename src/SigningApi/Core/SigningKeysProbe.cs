using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Signatures;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The keys' check, for every PKI the service keeps (<c>main</c>, and <c>sm2</c> when a centre signs SM2): every seal,
/// officer, OCSP responder and TSA key signs now and its signature verifies with its certificate (a token that went
/// away, or answers with another key, shows up here), the TSA issues a timestamp in its family's hash, and no
/// certificate has expired; Degraded while one expires within 30 days, so it is renewed before signing stops. Every
/// failure is reported, each named with its PKI, so a broken SM2 key is not hidden behind a main one. It signs once per
/// key, so it runs in <see cref="KeyHealthMonitor"/> on an interval, never per readiness request.
/// </summary>
internal sealed class SigningKeysProbe(IServiceProvider services, TimeProvider clock)
{
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);
    private static readonly byte[] Probe = "onething-health-probe"u8.ToArray();

    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken = default)
    {
        List<(string Name, ProductPki Pki)> pkis;
        try
        {
            // Resolved here, not injected: a PKI that cannot load is reported, not thrown at the probe.
            pkis = [.. services.GetRequiredService<CentrePkis>().Named.Select(f => (f.Name, f.Family.Pki))];
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"keys: {e.Message}");
        }

        var failures = new List<string>();
        var warnings = new List<string>();
        var summaries = new List<string>();
        foreach (var (name, pki) in pkis)
        {
            await CheckAsync(name, pki, failures, warnings, cancellationToken);
            var mode = pki.IsDevelopment ? "development PKI" : "production PKI";
            summaries.Add($"{name} ({mode}): {pki.Seals.Count} seal key(s), {pki.Officers.Count} officer key(s), the OCSP responder and the TSA sign");
        }
        if (failures.Count > 0) return HealthCheckResult.Unhealthy(string.Join("; ", failures));
        var summary = string.Join("; ", summaries);
        return warnings.Count > 0 ? HealthCheckResult.Degraded($"{summary}; {string.Join("; ", warnings)}") : HealthCheckResult.Healthy(summary);
    }

    /// <summary>Each key of one PKI; reasons name the PKI (<c>the sm2 seal 5101000000001 key …</c>).</summary>
    private async Task CheckAsync(string pkiName, ProductPki pki, List<string> failures, List<string> warnings, CancellationToken ct)
    {
        if (pki.Seals.Count == 0) failures.Add($"the {pkiName} PKI has no centre seal key provisioned");
        var keys = pki.Seals.Select(s => ($"seal {s.SealCode}", s.Key))
            .Concat(pki.Officers.Select(o => ($"officer {o.OfficerId}", o.Key)))
            .Append(("OCSP responder", pki.OcspResponderKey))
            .Append(("TSA", pki.TimestampAuthorityKey));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (keyName, key) in keys)
        {
            var name = $"{pkiName} {keyName}";
            if (await CannotSignAsync(key, ct) is { } failure) failures.Add($"the {name} key cannot sign: {failure}");
            else if (key.Certificate.NotAfter < now) failures.Add($"the {name} certificate expired on {key.Certificate.NotAfter:u}");
            else if (key.Certificate.NotAfter < now + ExpiryWarning) warnings.Add($"the {name} certificate expires on {key.Certificate.NotAfter:u}");
        }
        try
        {
            // The family's own imprint hash: SM3 for the SM2 TSA, SHA-256 for the main one.
            await pki.TimestampClient.GetTokenAsync(pki.DigestAlgorithm, DigestAlgorithms.Hash(pki.DigestAlgorithm, Probe), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add($"the {pkiName} TSA issues no timestamp: {e.Message}");
        }
    }

    private static async Task<string?> CannotSignAsync(CertifiedSigningKey key, CancellationToken ct)
    {
        try
        {
            var signature = await key.SignAsync(Probe, ct);
            return Verifies(key, signature) ? null : "its signature does not verify with its certificate";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
    }

    /// <summary>The signature checked with the certificate's public key: SM2 with the GM/T 0009 ID (as every SM2 verifier here), others as BouncyCastle names them.</summary>
    private static bool Verifies(CertifiedSigningKey key, byte[] signature)
    {
        var publicKey = key.Certificate.GetPublicKey();
        if (Sm2Signatures.IsSm2Key(publicKey)) return Sm2Signatures.Verify((ECPublicKeyParameters)publicKey, Probe, signature);
        var verifier = SignerUtilities.GetSigner(key.SignatureAlgorithm);
        verifier.Init(false, publicKey);
        verifier.BlockUpdate(Probe);
        return verifier.VerifySignature(signature);
    }
}
