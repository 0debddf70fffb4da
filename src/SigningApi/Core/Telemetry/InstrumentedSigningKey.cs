using OneThing.Seal.Pki;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>Gives each private-key operation its own span: with an HSM (PKCS#11) it is the part of a signature that can stall.</summary>
public sealed class InstrumentedSigningKey(ISigningKey inner) : ISigningKey
{
    public X509Certificate Certificate => inner.Certificate;

    public IReadOnlyList<X509Certificate> Chain => inner.Chain;

    public string SignatureAlgorithm => inner.SignatureAlgorithm;

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var activity = OneThingActivity.Start("key-operation");
        try
        {
            return await inner.SignAsync(data, cancellationToken);
        }
        catch (Exception e)
        {
            activity.Fail(e);
            throw;
        }
    }
}
