using OneThing.Seal.Signing.Appearances;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing.External;

/// <summary>A signature whose key is elsewhere (a phone, a remote HSM): the certificate is known up front, the signature value comes later.</summary>
public sealed record ExternalSignatureRequest
{
    public required string FieldName { get; init; }
    public required X509Certificate SignerCertificate { get; init; }
    public IReadOnlyList<X509Certificate> Chain { get; init; } = [];

    /// <summary>BouncyCastle name, e.g. <c>SHA256WITHECDSA</c> or <c>SHA256WITHRSA</c>.</summary>
    public string SignatureAlgorithm { get; init; } = "SHA256WITHECDSA";

    public string? SignerName { get; init; }
    public string? Reason { get; init; }
    public string? Location { get; init; }
    public bool CertifyIfFirst { get; init; } = true;
    public bool LockAllFields { get; init; }
    public ISignatureAppearance? Appearance { get; init; }
    public int? ContentsReserve { get; init; }
}

/// <summary>
/// The outcome of the prepare phase. The external key signs <see cref="SignedAttributes"/> (DER),
/// i.e. the SHA-256 <see cref="DigestToSign"/> of it; <see cref="State"/> is opaque and goes back to
/// <see cref="ExternalSigner.CompleteAsync"/> unchanged.
/// </summary>
public sealed record PreparedSignature(byte[] DigestToSign, byte[] SignedAttributes, byte[] State);
