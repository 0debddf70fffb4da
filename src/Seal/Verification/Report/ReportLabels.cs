namespace OneThing.Seal.Verification.Report;

/// <summary>Chinese / English labels used by the text report (a bank clerk and an auditor read the same page).</summary>
internal static class ReportLabels
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.Valid => "文档有效 / Document valid",
        Verdict.Invalid => "文档无效 / Document NOT valid",
        _ => "无法读取的PDF / Not a readable PDF",
    };

    public static string Of(CheckKind kind) => kind switch
    {
        CheckKind.ByteRange => "签名范围 / Byte range",
        CheckKind.Integrity => "完整性 / Integrity",
        CheckKind.CmsSignature => "签名值 / Signature value",
        CheckKind.SigningCertificateBinding => "签名证书绑定 / Signing-certificate binding",
        CheckKind.CertificateChain => "证书链 / Certificate chain",
        CheckKind.Revocation => "吊销状态 / Revocation status",
        CheckKind.SignatureTimestamp => "签名时间戳 / Signature timestamp",
        CheckKind.DocumentTimestamp => "文档时间戳 / Document timestamp",
        CheckKind.SigningTime => "签名时间 / Signing time",
        CheckKind.Coverage => "覆盖范围 / Coverage",
        CheckKind.Modifications => "签后修改 / Changes after signing",
        CheckKind.ElectronicSeal => "电子签章 / GB/T 38540 seal",
        _ => kind.ToString(),
    };

    public static string Of(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "通过 / passed",
        CheckStatus.Failed => "失败 / FAILED",
        CheckStatus.Indeterminate => "无法确定 / INDETERMINATE",
        _ => "不适用 / n/a",
    };

    public static string Of(ChangeClass change) => change switch
    {
        ChangeClass.Unsigned => "无先前签名，不检查 / no earlier signature to protect",
        ChangeClass.Allowed => "允许的修改 / allowed changes",
        _ => "不允许的修改 / DISALLOWED changes",
    };

    public static string SignatureVerdict(SignatureResult signature) => (signature.Kind, signature.IsValid) switch
    {
        (SignatureKind.Signature, true) => "签名有效 / Signature valid",
        (SignatureKind.Signature, false) => "签名无效 / Signature NOT valid",
        (_, true) => "文档时间戳有效 / Document timestamp valid",
        _ => "文档时间戳无效 / Document timestamp NOT valid",
    };

    public static string Of(PadesLevel level) => level switch
    {
        PadesLevel.BB => "PAdES B-B",
        PadesLevel.BT => "PAdES B-T",
        PadesLevel.BLT => "PAdES B-LT",
        PadesLevel.BLTA => "PAdES B-LTA",
        _ => "非PAdES / not PAdES",
    };
}
