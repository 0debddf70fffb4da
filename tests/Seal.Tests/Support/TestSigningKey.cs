using OneThing.Seal.Pki;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Support;

/// <summary>An in-memory ECDSA key for tests (BouncyCastle; DER-encoded signature values).</summary>
public sealed class TestSigningKey(X509Certificate certificate, IReadOnlyList<X509Certificate> chain, AsymmetricKeyParameter privateKey) : ISigningKey
{
    public X509Certificate Certificate { get; } = certificate;
    public IReadOnlyList<X509Certificate> Chain { get; } = chain;
    public string SignatureAlgorithm => "SHA256WITHECDSA";
    public AsymmetricKeyParameter PrivateKey { get; } = privateKey;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var signer = SignerUtilities.GetSigner(SignatureAlgorithm);
        signer.Init(true, PrivateKey);
        signer.BlockUpdate(data.Span);
        return ValueTask.FromResult(signer.GenerateSignature());
    }
}
