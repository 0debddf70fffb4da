using Org.BouncyCastle.Crypto;

namespace OneThing.Seal.Pki.Keys;

/// <summary>
/// A private key that can sign but may not reveal itself (process memory or a PKCS#11 token).
/// Unlike <see cref="ISigningKey"/> it has no certificate yet: CAs use it to sign their own
/// self-signed certificate and keys are generated before their certificate is issued.
/// </summary>
public interface IPrivateKey : IDisposable
{
    KeyAlgorithm Algorithm { get; }

    /// <summary>The public half, in BouncyCastle form for certificate requests and verification.</summary>
    AsymmetricKeyParameter PublicKey { get; }

    /// <summary>BouncyCastle algorithm name: <c>SHA256WITHECDSA</c>, <c>SHA256WITHRSA</c> or <c>SM3WITHSM2</c>.</summary>
    string SignatureAlgorithm { get; }

    /// <summary>
    /// Signs <paramref name="data"/>: SHA-256 with ECDSA (DER) or RSA PKCS#1 v1.5; SM2 over SM3(Z ‖ data) with the
    /// GM/T 0009 default ID (DER).
    /// </summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
