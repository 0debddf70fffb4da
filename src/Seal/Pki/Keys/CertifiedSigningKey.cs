using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Keys;

/// <summary>An <see cref="IPrivateKey"/> together with its certificate and issuing chain: what signing code needs.</summary>
public sealed class CertifiedSigningKey : ISigningKey, IDisposable
{
    public CertifiedSigningKey(IPrivateKey privateKey, X509Certificate certificate, IReadOnlyList<X509Certificate> chain)
    {
        if (!certificate.GetPublicKey().Equals(privateKey.PublicKey))
        {
            throw new ArgumentException($"The certificate '{certificate.SubjectDN}' does not belong to this private key.", nameof(certificate));
        }

        PrivateKey = privateKey;
        Certificate = certificate;
        Chain = chain;
    }

    public IPrivateKey PrivateKey { get; }

    public X509Certificate Certificate { get; }

    public IReadOnlyList<X509Certificate> Chain { get; }

    public string SignatureAlgorithm => PrivateKey.SignatureAlgorithm;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(PrivateKey.Sign(data.Span));
    }

    public void Dispose() => PrivateKey.Dispose();
}
