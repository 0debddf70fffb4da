using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki;

/// <summary>Whether the PKI may be created on the fly (development) or must be supplied and protected (production).</summary>
public enum PkiMode
{
    /// <summary>Provision a throw-away PKI into <see cref="PkiOptions.Directory"/> on first start; never for real contracts.</summary>
    Development,

    /// <summary>Load an existing PKI (made with <c>onething pki init --production</c>); keys in PKCS#12 files or a PKCS#11 token.</summary>
    Production,
}

/// <summary>Configuration of the product's PKI and trust services (section <c>Pki</c>).</summary>
public sealed class PkiOptions
{
    public const string SectionName = "Pki";

    /// <summary>The password every development PKCS#12 file uses; refused in production.</summary>
    public const string DevelopmentKeyPassword = "development";

    public PkiMode Mode { get; set; } = PkiMode.Development;

    /// <summary>Where certificates, key files, the manifest and the revocation journals live.</summary>
    public string Directory { get; set; } = Path.Combine("data", "pki");

    /// <summary>Public base URL of the service; CRL, OCSP and CA-issuer URLs in certificates are built from it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5000";

    public KeyAlgorithm KeyAlgorithm { get; set; } = KeyAlgorithm.EcdsaP256;

    /// <summary>Password of the PKCS#12 key files (production: from a secret store, never the development default).</summary>
    public string KeyPassword { get; set; } = DevelopmentKeyPassword;

    /// <summary>The PKCS#11 module and user PIN, for keys the manifest says live in a token.</summary>
    public Pkcs11Options? Pkcs11 { get; set; }

    /// <summary>Centres whose seals a development PKI provisions; one sample centre when empty.</summary>
    public List<CentreSealOptions> Centres { get; set; } = [];

    /// <summary>Loan officers a development PKI provisions; one sample officer when empty.</summary>
    public List<OfficerOptions> Officers { get; set; } = [];

    public TimeSpan CrlValidity { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan OcspResponseValidity { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Default lifetime of an applicant's event certificate.</summary>
    public TimeSpan ApplicantCertificateValidity { get; set; } = TimeSpan.FromHours(1);

    public string TimestampPolicyOid { get; set; } = Timestamps.TimestampAuthorityOptions.DefaultPolicyOid;

    public int TimestampAccuracyMillis { get; set; } = 1000;

    /// <summary>
    /// An external RFC 3161 TSA to use for signatures instead of the built-in one (the built-in TSA
    /// is still served at /tsa). Needs <see cref="ExternalTsaTrustAnchorsFile"/>.
    /// </summary>
    public string? ExternalTsaUrl { get; set; }

    /// <summary>PEM file with the certificates the external TSA's certificate must chain to.</summary>
    public string? ExternalTsaTrustAnchorsFile { get; set; }
}

/// <summary>A centre and the code of its contract seal (合同专用章).</summary>
public sealed class CentreSealOptions
{
    public string CentreName { get; set; } = "";

    public string SealCode { get; set; } = "";
}

public sealed class OfficerOptions
{
    public string OfficerId { get; set; } = "";

    public string Name { get; set; } = "";

    public string CentreName { get; set; } = "";
}

public sealed class Pkcs11Options
{
    public string Library { get; set; } = "/usr/lib/softhsm/libsofthsm2.so";

    public string Pin { get; set; } = "";
}
