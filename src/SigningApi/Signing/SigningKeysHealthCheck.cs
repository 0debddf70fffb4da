using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.Signing;

/// <summary>Ready when the PKI is loaded, has seal keys, and the seal key and the TSA can actually sign.</summary>
internal sealed class SigningKeysHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pki = services.GetRequiredService<ProductPki>();
            if (pki.Seals.Count == 0) return HealthCheckResult.Unhealthy("no centre seal key is provisioned");
            var probe = "onething-health-probe"u8.ToArray();
            foreach (var seal in pki.Seals)
            {
                await seal.Key.SignAsync(probe, cancellationToken);
            }
            await pki.TimestampClient.GetTokenAsync(System.Security.Cryptography.SHA256.HashData(probe), cancellationToken);
            return HealthCheckResult.Healthy($"{pki.Seals.Count} seal key(s), {pki.Officers.Count} officer key(s) and the TSA sign{(pki.IsDevelopment ? " (development PKI)" : "")}");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"keys: {e.Message}");
        }
    }
}
