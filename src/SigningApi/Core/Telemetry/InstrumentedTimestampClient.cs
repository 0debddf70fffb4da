using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Tsp;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>Counts timestamp requests and failures and gives each its own span (a child of the signature being made).</summary>
public sealed class InstrumentedTimestampClient(ITimestampClient inner) : ITimestampClient
{
    public Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken) =>
        GetTokenAsync(System.Security.Cryptography.HashAlgorithmName.SHA256, sha256Imprint, cancellationToken);

    public async Task<TimeStampToken> GetTokenAsync(System.Security.Cryptography.HashAlgorithmName algorithm, byte[] imprint, CancellationToken cancellationToken)
    {
        using var activity = OneThingActivity.Start("timestamp", kind: System.Diagnostics.ActivityKind.Client);
        OneThingMetrics.TimestampRequests.Add(1);
        try
        {
            return await inner.GetTokenAsync(algorithm, imprint, cancellationToken);
        }
        catch (Exception e)
        {
            OneThingMetrics.TimestampFailures.Add(1);
            activity.Fail(e);
            throw;
        }
    }
}
