using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki;

/// <summary>
/// A private key able to sign, wherever it lives: process memory, a PKCS#12 file, a PKCS#11 token
/// or a signer's phone. Signing code depends only on this, so the key material never has to leave
/// its home (the seal key stays in the HSM).
/// </summary>
public interface ISigningKey
{
    /// <summary>The signer's certificate.</summary>
    X509Certificate Certificate { get; }

    /// <summary>Issuing CA certificates from the signer's issuer up to and including the root.</summary>
    IReadOnlyList<X509Certificate> Chain { get; }

    /// <summary>BouncyCastle algorithm name, e.g. <c>SHA256WITHECDSA</c>, <c>SHA256WITHRSA</c> or <c>SM3WITHSM2</c>.</summary>
    string SignatureAlgorithm { get; }

    /// <summary>Signs <paramref name="data"/> (hashing it with the algorithm's digest) and returns the raw signature value.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
