namespace OneThing.Seal.Crypto.Cms;

/// <summary>A CMS SignedData (RFC 5652 §5.1) as slices of its encoding: what the verifier reads, nothing re-encoded.</summary>
/// <param name="Certificates">The DER of each X.509 certificate in the certificates field (other choices are skipped).</param>
/// <param name="EncapsulatedContent">The eContent octets (a timestamp token's TSTInfo), null when detached.</param>
public sealed record SignedDataParts(
    string EncapsulatedContentType,
    byte[]? EncapsulatedContent,
    IReadOnlyList<ReadOnlyMemory<byte>> Certificates,
    IReadOnlyList<SignerInfoParts> Signers);

/// <summary>One attribute of a SignerInfo: its type and the encoding of each value.</summary>
public sealed record CmsAttributeParts(string Oid, IReadOnlyList<ReadOnlyMemory<byte>> Values);

/// <summary>A SignerInfo (RFC 5652 §5.3) as slices of its encoding.</summary>
/// <param name="SignedAttributesDer">The DER of the signed attributes as a SET (what the signature covers), null without signed attributes.</param>
public sealed record SignerInfoParts(
    ReadOnlyMemory<byte>? IssuerName,
    byte[]? SerialNumber,
    byte[]? SubjectKeyIdentifier,
    string DigestAlgorithmOid,
    byte[]? SignedAttributesDer,
    IReadOnlyList<CmsAttributeParts>? SignedAttributes,
    string SignatureAlgorithmOid,
    ReadOnlyMemory<byte> SignatureAlgorithm,
    byte[] Signature,
    IReadOnlyList<CmsAttributeParts> UnsignedAttributes)
{
    /// <summary>The first signed attribute of this type (RFC 5652 allows one of each that matters).</summary>
    public CmsAttributeParts? Signed(string oid) => SignedAttributes?.FirstOrDefault(a => a.Oid == oid);

    public CmsAttributeParts? Unsigned(string oid) => UnsignedAttributes.FirstOrDefault(a => a.Oid == oid);
}
