using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The keys' check: every seal, officer and TSA key can sign now (a token that went away shows up
/// here), the TSA issues a timestamp, and no certificate has expired; Degraded while one expires
/// within 30 days, so it is renewed before signing stops. It signs once per key, so it runs in
/// <see cref="KeyHealthMonitor"/> on an interval, never per readiness request.
/// </summary>
internal sealed class SigningKeysProbe(IServiceProvider services, TimeProvider clock)
{
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);
    private static readonly byte[] Probe = "onething-health-probe"u8.ToArray();

    public async Task<HealthCheckResult> RunAsync(CancellationToken cancellationToken = default)
    {
        ProductPki pki;
        try
        {
            // Resolved here, not injected: a PKI that cannot load is reported, not thrown at the probe.
            pki = services.GetRequiredService<ProductPki>();
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"keys: {e.Message}");
        }
        if (pki.Seals.Count == 0) return HealthCheckResult.Unhealthy("no centre seal key is provisioned");

        var keys = pki.Seals.Select(s => ($"seal {s.SealCode}", s.Key))
            .Concat(pki.Officers.Select(o => ($"officer {o.OfficerId}", o.Key)))
            .Append(("TSA", pki.TimestampAuthorityKey)).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var warnings = new List<string>();
        foreach (var (name, key) in keys)
        {
            if (await CannotSignAsync(key, cancellationToken) is { } failure) return HealthCheckResult.Unhealthy($"the {name} key cannot sign: {failure}");
            if (key.Certificate.NotAfter < now) return HealthCheckResult.Unhealthy($"the {name} certificate expired on {key.Certificate.NotAfter:u}");
            if (key.Certificate.NotAfter < now + ExpiryWarning) warnings.Add($"the {name} certificate expires on {key.Certificate.NotAfter:u}");
        }
        try
        {
            await pki.TimestampClient.GetTokenAsync(System.Security.Cryptography.SHA256.HashData(Probe), cancellationToken);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"the TSA issues no timestamp: {e.Message}");
        }

        var mode = pki.IsDevelopment ? "development PKI" : "production PKI";
        var summary = $"{mode}: {pki.Seals.Count} seal key(s), {pki.Officers.Count} officer key(s) and the TSA sign";
        return warnings.Count > 0 ? HealthCheckResult.Degraded($"{summary}; {string.Join("; ", warnings)}") : HealthCheckResult.Healthy(summary);
    }

    private static async Task<string?> CannotSignAsync(CertifiedSigningKey key, CancellationToken ct)
    {
        try
        {
            await key.SignAsync(Probe, ct);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.Message;
        }
    }
}
