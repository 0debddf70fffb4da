using OneThing.Seal.Pki;
using OneThing.Seal.Signing.Appearances;

namespace OneThing.Seal.Signing;

/// <summary>What to sign and how: the field, the key, and the PAdES options of this signature.</summary>
public sealed record SignatureRequest
{
    /// <summary>The /T name of a pre-made empty signature field (e.g. <c>Borrower</c>, <c>CentreSeal</c>).</summary>
    public required string FieldName { get; init; }

    public required ISigningKey Key { get; init; }

    public string? SignerName { get; init; }
    public string? Reason { get; init; }
    public string? Location { get; init; }
    public string? ContactInfo { get; init; }

    /// <summary>The first signature of a document certifies it (DocMDP P=2: form filling and signing allowed).</summary>
    public bool CertifyIfFirst { get; init; } = true;

    /// <summary>
    /// Makes the document final when signed: every field locked (FieldMDP /Action /All) and no change permitted after
    /// it but DSS updates and document timestamps (lock /P 1, PDF 2.0). Used by the centre seal.
    /// </summary>
    public bool LockAllFields { get; init; }

    /// <summary>The visible appearance; null for an invisible signature.</summary>
    public ISignatureAppearance? Appearance { get; init; }

    /// <summary>
    /// A GB/T 38540 v4 seal (SESeal, DER) to apply with this signature: its picture becomes the appearance and an
    /// SES_Signature over the signed ranges goes into the signature dictionary (<c>/OneThing.SES_Signature</c>) beside
    /// the SM2 CMS. Needs an SM2 key the seal lists. Null for an ordinary signature.
    /// </summary>
    public byte[]? ElectronicSeal { get; init; }

    /// <summary>Bytes reserved for the CMS; null estimates from the certificate chain.</summary>
    public int? ContentsReserve { get; init; }
}
