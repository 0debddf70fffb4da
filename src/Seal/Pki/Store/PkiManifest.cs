namespace OneThing.Seal.Pki.Store;

/// <summary>The role a key plays in the product's PKI.</summary>
public enum PkiRole
{
    RootCa,
    IssuingCa,
    OcspResponder,
    TimestampAuthority,
    CentreSeal,
    LoanOfficer,
}

/// <summary>Where a private key lives: a PKCS#12 file in the PKI directory, or a labelled key in a PKCS#11 token.</summary>
public sealed record KeyReference(string Kind, string? File = null, string? TokenLabel = null, string? KeyLabel = null)
{
    public const string Pkcs12 = "pkcs12";
    public const string Pkcs11 = "pkcs11";
}

/// <summary>One certificate of the PKI with its key reference and role-specific details.</summary>
public sealed record PkiManifestEntry(
    PkiRole Role,
    string Name,
    string Certificate,
    KeyReference Key,
    string? CentreName = null,
    string? SealCode = null,
    string? OfficerId = null,
    string? OfficerName = null);

/// <summary>
/// <c>pki.json</c>: what a PKI directory contains. Written last and atomically when a PKI is created
/// or changed, so a directory either has a complete manifest or is not a PKI.
/// </summary>
public sealed record PkiManifest(int FormatVersion, bool Development, string BaseUrl, DateTime CreatedAt, IReadOnlyList<PkiManifestEntry> Entries)
{
    public const int CurrentFormat = 1;
}
