namespace OneThing.Seal.Verification.Report;

/// <summary>PAdES baseline level (ETSI EN 319 142-1) a signature reaches; <see cref="None"/> for non-PAdES (e.g. adbe.pkcs7.detached).</summary>
public enum PadesLevel
{
    None,
    BB,
    BT,
    BLT,
    BLTA,
}
