using System.Text.RegularExpressions;
using OneThing.Seal.Verification.Report;

namespace OneThing.SigningApi.Verification;

/// <summary>
/// The Chinese a bank clerk reads in the printed 验签报告: the same wording as the verification page
/// (wwwroot/assets/labels.js and report.js), so the paper and the screen say the same thing.
/// </summary>
public static partial class VerificationReportTexts
{
    private const string Original = "请向公积金中心索取原件。";

    public static string Verdict(Verdict verdict) => verdict switch
    {
        Seal.Verification.Report.Verdict.Valid => "有效：全部签名完整可信，时间戳有效，签名后没有不允许的修改。",
        Seal.Verification.Report.Verdict.Invalid => "无效：至少有一项检查未通过或无法确定，请勿依赖此文件。",
        _ => "无法读取：这不是可识别的 PDF 文件。",
    };

    public static string Check(CheckKind kind) => kind switch
    {
        CheckKind.ByteRange => "签名覆盖范围",
        CheckKind.Integrity => "文件完整性（签名后未被篡改）",
        CheckKind.CmsSignature => "签名值",
        CheckKind.SigningCertificateBinding => "签名证书绑定",
        CheckKind.CertificateChain => "证书链（可信根）",
        CheckKind.Revocation => "证书吊销状态",
        CheckKind.SignatureTimestamp => "签名时间戳",
        CheckKind.DocumentTimestamp => "文档时间戳",
        CheckKind.SigningTime => "签名时间",
        CheckKind.Coverage => "覆盖整个文件",
        CheckKind.Modifications => "签名后的修改",
        _ => kind.ToString(),
    };

    public static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "通过",
        CheckStatus.Failed => "未通过",
        CheckStatus.Indeterminate => "无法确定",
        _ => "不适用",
    };

    /// <summary>One sentence a clerk can act on for a failed or undecided check.</summary>
    public static string Reason(CheckKind kind) => kind switch
    {
        CheckKind.Integrity => $"签署后文件被修改，{Original}",
        CheckKind.ByteRange => $"签名没有按规定覆盖文件，文件可能被拼接或改动，{Original}",
        CheckKind.Coverage => $"签名之后文件又被追加了内容，{Original}",
        CheckKind.CmsSignature => $"签名值与文件内容不符，文件或签名已损坏，{Original}",
        CheckKind.SigningCertificateBinding => "签名与所附证书不对应，无法确认签署人，请向公积金中心核实。",
        CheckKind.CertificateChain => "签名证书不是由本核验服务信任的机构签发，请确认文件来自公积金中心，或向中心核实。",
        CheckKind.Revocation => "无法确认签名证书在签署时未被吊销，请使用公积金中心盖章后的最终版本，或向中心核实。",
        CheckKind.SignatureTimestamp => "签名没有有效的可信时间戳，无法证明签署时间，请使用公积金中心盖章后的最终版本。",
        CheckKind.DocumentTimestamp => $"文档时间戳无效，无法证明文件在该时间后未被改动，{Original}",
        CheckKind.SigningTime => "签名声称的时间与可信时间戳不一致，请向公积金中心核实。",
        CheckKind.Modifications => $"签名后文件有不允许的修改，{Original}",
        _ => $"“{Check(kind)}”检查未通过，请向公积金中心核实。",
    };

    public static string Level(PadesLevel level) => level switch
    {
        PadesLevel.BB => "PAdES B-B（基础签名）",
        PadesLevel.BT => "PAdES B-T（含可信时间戳）",
        PadesLevel.BLT => "PAdES B-LT（含长期验证数据）",
        PadesLevel.BLTA => "PAdES B-LTA（含长期验证数据与文档时间戳）",
        _ => "非 PAdES 签名",
    };

    /// <summary>Signature field names as the contracts print them (CoBorrower2, DocTimeStamp1 … included).</summary>
    public static string Field(string field) => field switch
    {
        "Borrower" => "借款人",
        "LoanOfficer" => "经办人",
        "CentreSeal" => "中心印章",
        _ when CoBorrower().Match(field) is { Success: true } m => m.Groups[1].Value switch
        {
            "" or "1" => "共同借款人",
            "2" => "共同借款人（二）",
            "3" => "共同借款人（三）",
            var n => $"共同借款人（{n}）",
        },
        _ when DocumentTimestamp().IsMatch(field) => "文档时间戳",
        _ => field,
    };

    public static string DocumentKind(string kind) => kind switch
    {
        "loan-contract" => "个人住房公积金借款合同",
        "mortgage-contract" => "抵押合同",
        "deduction-authorization" => "委托扣款授权书",
        "evidence-report" => "签署证据报告",
        _ => kind,
    };

    public static string PartyRole(string role) => role switch
    {
        "borrower" => "借款人",
        "co-borrower" => "共同借款人",
        _ => role,
    };

    /// <summary>The common name from an X.500 subject ("C=CN,CN=王建国,SERIALNUMBER=…").</summary>
    public static string CommonName(string? subject)
    {
        if (string.IsNullOrEmpty(subject)) return "—";
        var match = CommonNamePattern().Match(subject);
        return match.Success ? match.Groups[1].Value.Trim() : subject;
    }

    [GeneratedRegex(@"^CoBorrower(\d*)$")]
    private static partial Regex CoBorrower();

    [GeneratedRegex(@"^DocTimeStamp\d*$")]
    private static partial Regex DocumentTimestamp();

    [GeneratedRegex(@"(?:^|,)\s*CN=([^,]+)")]
    private static partial Regex CommonNamePattern();
}
