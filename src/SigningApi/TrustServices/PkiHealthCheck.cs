using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.TrustServices;

/// <summary>Readiness: every seal key and the TSA key can still sign (a token that went away shows up here), and none expires within 30 days unnoticed.</summary>
internal sealed class PkiHealthCheck(ProductPki pki, TimeProvider clock) : IHealthCheck
{
    private static readonly byte[] Probe = "onething pki health"u8.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var keys = pki.Seals.Select(s => ($"seal {s.SealCode}", s.Key)).Append(("TSA", pki.TimestampAuthorityKey)).ToList();
        var warnings = new List<string>();
        foreach (var (name, key) in keys)
        {
            try
            {
                key.PrivateKey.Sign(Probe);
            }
            catch (Exception e)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"the {name} key cannot sign: {e.Message}"));
            }

            if (key.Certificate.NotAfter < now)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"the {name} certificate expired on {key.Certificate.NotAfter:u}"));
            }

            if (key.Certificate.NotAfter < now.AddDays(30))
            {
                warnings.Add($"the {name} certificate expires on {key.Certificate.NotAfter:u}");
            }
        }

        var mode = pki.IsDevelopment ? "development PKI" : "production PKI";
        return Task.FromResult(warnings.Count > 0
            ? HealthCheckResult.Degraded($"{mode}: {string.Join("; ", warnings)}")
            : HealthCheckResult.Healthy($"{mode}: {keys.Count} keys sign"));
    }
}
