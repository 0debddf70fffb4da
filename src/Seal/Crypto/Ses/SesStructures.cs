namespace OneThing.Seal.Crypto.Ses;

/// <summary>SES_ESPictrueInfo: the seal picture (type such as "png"), its bytes and its display size in millimetres.</summary>
public sealed record SesPicture(string Type, byte[] Data, int WidthMillimetres, int HeightMillimetres);

/// <summary>One ExtData of ExtensionDatas (an OID, a critical flag and an opaque value).</summary>
public sealed record SesExtension(string Oid, bool Critical, byte[] Value);

/// <summary>
/// An electronic seal, SESeal: GB/T 38540-2020 (header version 4) or GM/T 0031-2014 (version 1..3). The seal
/// maker's signature covers <see cref="SignedInfo"/> (the DER of SES_SealInfo).
/// </summary>
public sealed record SesSeal
{
    public required int Version { get; init; }
    public required string VendorId { get; init; }
    public required string EsId { get; init; }

    /// <summary>Seal type (GB/T 38540: 1 official seal 单位公章, 2 special-purpose seal such as a contract seal 合同专用章, …).</summary>
    public required int Type { get; init; }

    public required string Name { get; init; }

    /// <summary>1: the list holds certificates; 2: it holds certificate digests (v4 only).</summary>
    public required int CertListType { get; init; }

    /// <summary>The certificates (DER) of those who may sign with this seal (<see cref="CertListType"/> 1).</summary>
    public required IReadOnlyList<byte[]> Certificates { get; init; }

    /// <summary>(hash algorithm name, digest) pairs of the signers' certificates (<see cref="CertListType"/> 2).</summary>
    public required IReadOnlyList<(string Type, byte[] Value)> CertificateDigests { get; init; }

    public required DateTimeOffset CreateDate { get; init; }
    public required DateTimeOffset ValidStart { get; init; }
    public required DateTimeOffset ValidEnd { get; init; }
    public required SesPicture Picture { get; init; }
    public required IReadOnlyList<SesExtension> Extensions { get; init; }

    /// <summary>The seal maker's certificate (DER).</summary>
    public required byte[] MakerCertificate { get; init; }

    public required string SignatureAlgorithmOid { get; init; }
    public required byte[] SignedValue { get; init; }

    /// <summary>An RFC 3161 token over the maker's signature (timeStamp [0], appended by makers of versions after 4); not checked.</summary>
    public byte[]? Timestamp { get; init; }

    /// <summary>The DER the maker signed (SES_SealInfo as it appears in the file).</summary>
    public required byte[] SignedInfo { get; init; }

    /// <summary>The whole SESeal as it appears in the file.</summary>
    public required byte[] Encoded { get; init; }
}

/// <summary>
/// An electronic signature with a seal, SES_Signature (GB/T 38540-2020 v4, GM/T 0031-2014 v1): TBS_Sign (seal,
/// time, hash of the signed content, property info), the signer's certificate and the SM2 signature over
/// <see cref="SignedInfo"/>, with an optional RFC 3161 token over the signature value (v4).
/// </summary>
public sealed record SesSignature
{
    public required int Version { get; init; }
    public required SesSeal Seal { get; init; }
    public required DateTimeOffset? Time { get; init; }
    public required byte[] DataHash { get; init; }
    public required string PropertyInfo { get; init; }
    public required byte[] SignerCertificate { get; init; }
    public required string SignatureAlgorithmOid { get; init; }
    public required byte[] Signature { get; init; }
    public required byte[]? Timestamp { get; init; }

    /// <summary>The DER the signer signed (TBS_Sign as it appears in the file).</summary>
    public required byte[] SignedInfo { get; init; }
}

/// <summary>A file that is not a readable SESeal or SES_Signature; the message is one line for the user.</summary>
public sealed class SesFormatException(string message, Exception? inner = null) : Exception(message, inner);
