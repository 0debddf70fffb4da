
namespace OneThing.SigningApi.Core.Configuration;

/// <summary>
/// Root of the <c>OneThing:</c> configuration section. Every setting has an embedded default so
/// the service starts with no configuration at all; production settings replace them one by one.
/// </summary>
public sealed class OneThingOptions
{
    public const string SectionName = "OneThing";

    /// <summary>Folder for embedded-mode state (SQLite database, documents, dev keys); relative paths are under the content root.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Public base address used when building links sent to signers (e.g. <c>https://sign.example.gov.cn</c>).</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// The centres this service signs for: each centre's code (统一社会信用代码, what scopes cases and
    /// officers) and its name (the subject of its seal and officers' certificates in the PKI).
    /// </summary>
    public List<CentreOptions> Centres { get; set; } = [];
}

public sealed class CentreOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>
    /// The centre's algorithm family: <c>international</c> (ECDSA P-256 + SHA-256, the default) or <c>sm2</c> (SM2 with
    /// SM3 and GB/T 38540 seals, from the service's second, SM2 PKI). Every signature on the centre's cases uses it.
    /// </summary>
    public string Algorithm { get; set; } = AlgorithmFamilies.International;

    /// <summary>
    /// For an <c>sm2</c> centre: its GB/T 38540 v4 seal (SESeal, DER) as issued by the seal platform, applied with the
    /// centre seal. Relative to the data directory. Without it a development PKI makes one; a production PKI refuses to start.
    /// </summary>
    public string? SealFile { get; set; }
}

/// <summary>The values of <see cref="CentreOptions.Algorithm"/>.</summary>
public static class AlgorithmFamilies
{
    public const string International = "international";
    public const string Sm2 = "sm2";
}
