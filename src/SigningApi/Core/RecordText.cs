using System.Globalization;
using System.Text.RegularExpressions;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The service's records in Chinese, the one place they are worded: the sealed 签署证据报告 prints them,
/// and the timeline, transition and audit answers carry them for the console and the applicant's page
/// (<c>detailText</c>, <c>reasonText</c>). Each step's detail and each state change's reason is stored
/// as a fixed technical line (field names, document kinds, revisions, digests, ISO times) because the
/// audit chain hashes it as written; this says each known line again in Chinese from its action code. A line no rule knows (an old record, a
/// typed reason) keeps its words but still has its field names and document kinds translated.
/// </summary>
public static class RecordText
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["loan-contract"] = "个人住房公积金借款合同",
        ["mortgage-contract"] = "抵押合同",
        ["deduction-authorization"] = "委托扣款授权书",
        ["evidence-report"] = "签署证据报告",
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Borrower"] = "借款人",
        ["CoBorrower1"] = "共同借款人",
        ["CoBorrower2"] = "共同借款人（二）",
        ["CoBorrower3"] = "共同借款人（三）",
        ["LoanOfficer"] = "经办人",
        ["CentreSeal"] = "中心印章",
    };

    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["case-opened"] = "案件受理",
        ["document-rendered"] = "生成合同文件",
        ["signer-invited"] = "发送签署邀请",
        ["signer-reinvited"] = "重新发送签署链接",
        ["identity-verified"] = "身份核验通过",
        ["identity-failed"] = "身份核验未通过",
        ["link-locked"] = "签署链接被锁定",
        ["code-sent"] = "发送短信验证码",
        ["code-failed"] = "验证码错误",
        ["access-granted"] = "验证码核验通过",
        ["document-read"] = "阅读文件",
        ["consent-accepted"] = "确认签署声明",
        ["handwriting-received"] = "提交手写签名",
        ["device-signing-prepared"] = "签发设备签名证书",
        ["document-signed"] = "文件完成签名",
        ["signer-signed"] = "签署人完成签署",
        ["signer-declined"] = "签署人拒签",
        ["case-expired"] = "案件过期",
        ["countersigned"] = "经办人审核签署",
        ["sealed"] = "加盖中心电子印章",
        ["download-link-issued"] = "签发下载链接",
        ["mortgage-registration-requested"] = "申请抵押登记",
        ["mortgage-registered"] = "抵押登记完成",
        ["disbursement-requested"] = "申请放款",
        ["loan-disbursed"] = "银行放款",
        ["evidence-report-sealed"] = "签署证据报告盖章",
        ["case-completed"] = "案件办结",
        ["case-cancelled"] = "案件撤销",
        ["applicants-notified"] = "短信通知申请人",
        ["deadline-extended"] = "延长签署期限",
        ["documents-verified"] = "核验最终文件",
        ["transition"] = "状态变更",
    };

    private static readonly Dictionary<string, string> Statuses = new(StringComparer.Ordinal)
    {
        ["Opened"] = "已受理",
        ["AwaitingSignatures"] = "待借款人签署",
        ["AwaitingCountersign"] = "待经办人审核签署",
        ["AwaitingSeal"] = "待加盖中心电子印章",
        ["Sealed"] = "已盖章",
        ["MortgageRegistrationRequested"] = "已申请抵押登记",
        ["MortgageRegistered"] = "抵押已登记",
        ["DisbursementRequested"] = "已申请放款",
        ["Disbursed"] = "已放款",
        ["Completed"] = "已办结",
        ["Declined"] = "已拒签",
        ["Expired"] = "已过期",
        ["Cancelled"] = "已撤销",
    };

    private static readonly Dictionary<string, string> ActorRoles = new(StringComparer.Ordinal)
    {
        ["applicant"] = "借款人",
        ["loan-officer"] = "经办人",
        ["seal-officer"] = "印章管理员",
        ["auditor"] = "审计",
        ["admin"] = "管理员",
        ["bank"] = "受托银行",
        ["approval-system"] = "审批系统",
        ["system"] = "系统",
        ["registry"] = "不动产登记机构",
    };

    private static readonly Dictionary<string, string> PartyRoles = new(StringComparer.Ordinal)
    {
        ["borrower"] = "借款人",
        ["co-borrower"] = "共同借款人",
        ["loan-officer"] = "经办人",
        ["centre-seal"] = "中心电子印章",
    };

    private static readonly Dictionary<string, string> PartyStatuses = new(StringComparer.Ordinal)
    {
        ["Invited"] = "待签署",
        ["Signed"] = "已签署",
        ["Declined"] = "已拒签",
    };

    private static readonly Dictionary<string, string> Verdicts = new(StringComparer.Ordinal)
    {
        ["Valid"] = "文档有效",
        ["Invalid"] = "文档无效",
        ["Unreadable"] = "无法读取",
    };

    private const string Field = @"(Borrower|CoBorrower\d*|LoanOfficer|CentreSeal)";
    private const string KindPattern = "([a-z-]+)";
    private const string Time = @"(\d{4}-\d{2}-\d{2}T[^ ,;]+)";

    private sealed record Rule(Regex Pattern, Func<GroupCollection, bool, string> Say);

    private static Rule R(string pattern, Func<GroupCollection, bool, string> say) =>
        new(new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline), say);

    private static Rule R(string pattern, Func<GroupCollection, string> say) => R(pattern, (g, _) => say(g));

    /// <summary>
    /// Rules per timeline action, in the order the server writes them (Core/CaseStatusChanges.cs and the
    /// services). <c>full</c> adds what evidence needs and a screen does not: digests, serials, sizes.
    /// </summary>
    private static readonly Dictionary<string, Rule[]> TimelineRules = new(StringComparer.Ordinal)
    {
        ["case-opened"] = [R(@"^application (\S+), (Parallel|Sequential) signing$", g => $"案件编号 {g[1]}，{(g[2].Value == "Sequential" ? "依次签署" : "同时签署")}")],
        ["document-rendered"] = [R($@"^{KindPattern} (\S+) template (\S+) sha256 (\w+)$",
            (g, full) => $"生成{Kind(g[1].Value)}（模板版本 {TemplateVersion(g[3].Value)}{(full ? $"，文件编号 {g[2]}{Digest(g[4].Value)}" : "")}）")],
        ["signer-invited"] =
        [
            R($@"^{Field} → (\S+)$", g => $"向{FieldLabel(g[1].Value)}（{g[2]}）发送签署链接"),
            R($@"^{Field} → (\S+): their turn after {Field} signed$", g => $"{FieldLabel(g[3].Value)}已签署，轮到{FieldLabel(g[1].Value)}：向其（{g[2]}）发送签署链接"),
        ],
        ["signer-reinvited"] = [R($@"^{Field} → (\S+); (\d+) earlier link\(s\) withdrawn(; the live access session ended)?$",
            g => $"向{FieldLabel(g[1].Value)}（{g[2]}）发送新的签署链接，{g[3]} 个旧链接失效{(g[4].Success ? "，原登录会话结束" : "")}")],
        ["identity-verified"] =
        [
            R($"^{Field}$", g => $"{FieldLabel(g[1].Value)}身份核验通过"),
            R($@"^{Field} \(again, on another client.*\)$", g => $"{FieldLabel(g[1].Value)}在另一设备上再次通过身份核验（验证码步骤随之转到该设备）"),
        ],
        ["identity-failed"] = [R($"^{Field}: name or ID number did not match$", g => $"{FieldLabel(g[1].Value)}：姓名或身份证号不符")],
        ["link-locked"] =
        [
            R($@"^{Field}: (\d+) failed identity checks$", g => $"{FieldLabel(g[1].Value)}：身份核验连续 {g[2]} 次未通过，链接已锁定"),
            R($@"^{Field}: (\d+) wrong codes$", g => $"{FieldLabel(g[1].Value)}：验证码连续 {g[2]} 次错误，链接已锁定"),
        ],
        ["code-sent"] = [R($@"^{Field} → (\S+)$", g => $"向{FieldLabel(g[1].Value)}（{g[2]}）发送验证码")],
        ["code-failed"] = [R($"^{Field}$", g => $"{FieldLabel(g[1].Value)}输入的验证码错误")],
        ["access-granted"] =
        [
            R($"^{Field}$", g => $"{FieldLabel(g[1].Value)}通过验证码核验"),
            R($"^{Field}: new session; .*$", g => $"{FieldLabel(g[1].Value)}开始新的会话，此前的阅读、确认和手写签名不再计入"),
        ],
        ["document-read"] = [R($@"^{Field} opened {KindPattern} r(\d+) sha256 (\w+)$",
            (g, full) => $"{FieldLabel(g[1].Value)}打开{Kind(g[2].Value)}（{Version(g[3].Value)}{(full ? Digest(g[4].Value) : "")}）")],
        ["consent-accepted"] = [R($@"^{Field} sha256 (\w+)$",
            (g, full) => $"{FieldLabel(g[1].Value)}确认签署声明{(full ? $"（声明文本 SHA-256 摘要 {g[2]}）" : "")}")],
        ["handwriting-received"] = [R($@"^{Field} PNG (\d+) bytes sha256 (\w+)$",
            (g, full) => $"{FieldLabel(g[1].Value)}提交手写签名{(full ? $"（签名图片 {g[2]} 字节{Digest(g[3].Value)}）" : "")}")],
        ["device-signing-prepared"] = [R($@"^{Field}: certificate (\w+) for the device key, valid until {Time}$",
            g => $"为{FieldLabel(g[1].Value)}的设备密钥签发证书 {g[2]}，有效至 {At(g[3].Value)}")],
        ["document-signed"] = [R($@"^{Field} signed {KindPattern} r(\d+) sha256 (\w+) certificate (\w*)$",
            (g, full) => $"{FieldLabel(g[1].Value)}签署{Kind(g[2].Value)}（{Version(g[3].Value)}{(full ? Digest(g[4].Value) + (g[5].Length > 0 ? $"，证书序列号 {g[5]}" : "") : "")}）")],
        ["signer-signed"] = [R($"^{Field}$", g => $"{FieldLabel(g[1].Value)}完成签署")],
        ["signer-declined"] = [R($"^{Field}: (.*)$", g => $"{FieldLabel(g[1].Value)}拒签，原因：{g[2]}")],
        ["case-expired"] = [R($"^signing period ended {Time}$", g => $"签署期限已于 {At(g[1].Value)} 届满")],
        ["countersigned"] = [R($@"^{KindPattern} r(\d+) sha256 (\w+)$",
            (g, full) => $"经办人签署{Kind(g[1].Value)}（{Version(g[2].Value)}{(full ? Digest(g[3].Value) : "")}）")],
        ["sealed"] = [R($@"^{KindPattern} r(\d+) sha256 (\w+) seal (\S+) \(PAdES B-LTA\)$",
            (g, full) => $"{Kind(g[1].Value)}（{Version(g[2].Value)}{(full ? Digest(g[3].Value) : "")}）加盖中心印章 {g[4]}（PAdES B-LTA）")],
        ["download-link-issued"] = [R($@"^{KindPattern} r(\d+) until {Time}$", g => $"签发{Kind(g[1].Value)}（{Version(g[2].Value)}）下载链接，有效至 {At(g[3].Value)}")],
        ["mortgage-registration-requested"] = [R(@"^(.+): property (\S+), mortgage contract r(\d+) sha256 (\w+)$",
            (g, full) => $"向{g[1]}申请抵押登记：不动产权证 {g[2]}，抵押合同{Version(g[3].Value)}{(full ? $"（SHA-256 摘要 {g[4]}）" : "")}")],
        ["mortgage-registered"] = [R(@"^registration (\S+)$", g => $"抵押登记证明号 {g[1]}")],
        ["disbursement-requested"] = [R(@"^bank (\S+): (\d+) fen, mortgage registration (\S+)$",
            g => $"向银行 {g[1]} 申请放款 {Yuan(g[2].Value)}，抵押登记证明号 {g[3]}")],
        ["loan-disbursed"] = [R($@"^(\d+) fen disbursed {Time}, bank reference (\S+)$",
            g => $"银行于 {At(g[2].Value)} 放款 {Yuan(g[1].Value)}，银行业务编号 {g[3]}")],
        ["case-completed"] = [R(@"^evidence report sha256 (\w+)$", (g, full) => $"签署证据报告已盖章，案件办结{(full ? $"（报告 SHA-256 摘要 {g[1]}）" : "")}")],
        ["applicants-notified"] = [R(@"^(sealed|disbursed|deadline): (.*)$", g => $"{Notice(g[1].Value)}，短信通知{Told(g[2].Value)}")],
        ["deadline-extended"] = [R($"^{Time} → {Time}: (.*)$", g => $"签署期限由 {At(g[1].Value)} 延长至 {At(g[2].Value)}，原因：{g[3]}")],
        ["documents-verified"] = [R("^final documents verified for the evidence report$", _ => "办结前核验全部最终文件")],
    };

    /// <summary>Rules per target state of a transition (reasons written in Core/CaseStatusChanges.cs).</summary>
    private static readonly Dictionary<string, Rule[]> ReasonRules = new(StringComparer.Ordinal)
    {
        ["AwaitingSignatures"] =
        [
            R(@"^(\d+) signer\(s\) invited$", g => $"已邀请 {g[1]} 位签署人"),
            R(@"^(\d+) of (\d+) signer\(s\) invited$", g => g[1].Value == g[2].Value ? $"已邀请 {g[1]} 位签署人" : $"已邀请 {g[2]} 位签署人中的 {g[1]} 位（依次签署，其余轮到时邀请）"),
        ],
        ["AwaitingCountersign"] = [R($"^last signer {Field}$", g => $"最后一位签署人：{FieldLabel(g[1].Value)}")],
        ["Declined"] = [R($"^{Field}: (.*)$", g => $"{FieldLabel(g[1].Value)}拒签，原因：{g[2]}")],
        ["Expired"] = [R($"^signing period ended {Time}$", g => $"签署期限已于 {At(g[1].Value)} 届满")],
        ["MortgageRegistered"] = [R(@"^(\S+)$", g => $"抵押登记证明号 {g[1]}")],
        ["Disbursed"] = [R(@"^bank reference (\S+)$", g => $"银行业务编号 {g[1]}")],
    };

    private static readonly Regex FieldWord = new(@"\b(Borrower|CoBorrower\d*|LoanOfficer|CentreSeal|DocTimeStamp\d*)\b", RegexOptions.CultureInvariant);
    private static readonly Regex KindWord = new(@"\b(loan-contract|mortgage-contract|deduction-authorization|evidence-report)\b", RegexOptions.CultureInvariant);
    private static readonly Regex RevisionWord = new(@"\br(\d+)\b", RegexOptions.CultureInvariant);
    private static readonly Regex TransitionLine = new(@"^(\(new\)|\w+) → (\w+)(?:: (.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex VerificationLine = new(@"^([a-z-]+)@(\d+): (\w+), (\d+) signature\(s\)(?:; (.*))?$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    private static readonly Regex HashLine = new(@"^([a-z-]+)@(\d+)=(\w*)$", RegexOptions.CultureInvariant);

    /// <summary>Borrower → 借款人, CoBorrower2 → 共同借款人（二）, DocTimeStamp1 → 文档时间戳.</summary>
    public static string FieldLabel(string name) =>
        Fields.TryGetValue(name, out var label) ? label
        : name.StartsWith("DocTimeStamp", StringComparison.Ordinal) ? "文档时间戳"
        : name;

    /// <summary>loan-contract → 个人住房公积金借款合同 (unknown kinds as written).</summary>
    public static string Kind(string kind) => Kinds.GetValueOrDefault(kind, kind);

    /// <summary>A timeline or audit action's name, e.g. signer-invited → 发送签署邀请.</summary>
    public static string Action(string action) => Actions.GetValueOrDefault(action, action);

    public static string Status(string status) => Statuses.GetValueOrDefault(status, status);

    public static string ActorRole(string role) => ActorRoles.GetValueOrDefault(role, role);

    public static string PartyRole(string role) => PartyRoles.GetValueOrDefault(role, role);

    public static string PartyStatus(string status) => PartyStatuses.GetValueOrDefault(status, status);

    /// <summary>
    /// Who acted: the role in Chinese, then the account (steps no person takes are just 系统; an applicant
    /// named by an identifier: <c>party:&lt;id&gt;</c> before the code check, <c>applicant:&lt;id&gt;</c> after).
    /// </summary>
    public static string Actor(string actor, string role) => actor switch
    {
        WorkflowActors.System or WorkflowActors.Workflow => ActorRole(WorkflowActors.SystemRole),
        _ when actor.StartsWith("party:", StringComparison.Ordinal) => $"{ActorRole(role)}：签署人标识 {actor["party:".Length..]}",
        _ when actor.StartsWith("applicant:", StringComparison.Ordinal) => $"{ActorRole(role)}：签署人标识 {actor["applicant:".Length..]}",
        _ => $"{ActorRole(role)}：{actor}",
    };

    /// <summary>
    /// A timeline entry's detail in Chinese; <paramref name="full"/> (the evidence report) keeps the digests,
    /// serials and sizes the line records, which a screen leaves to the original line.
    /// </summary>
    public static string TimelineDetail(string action, string? detail, bool full = false)
    {
        if (string.IsNullOrEmpty(detail)) return "";
        return Apply(TimelineRules.GetValueOrDefault(action), detail, full) ?? WordsOnly(detail);
    }

    /// <summary>A state change's reason in Chinese (reasons typed by staff, such as a cancellation's, pass as written).</summary>
    public static string TransitionReason(string to, string? reason)
    {
        if (string.IsNullOrEmpty(reason)) return "";
        return Apply(ReasonRules.GetValueOrDefault(to), reason, full: false) ?? WordsOnly(reason);
    }

    /// <summary>An audit entry's detail in Chinese: a state change ("A → B: reason") or a timeline step.</summary>
    public static string AuditDetail(string action, string? detail, bool full = false)
    {
        if (string.IsNullOrEmpty(detail)) return "";
        if (action == "transition" && TransitionLine.Match(detail) is { Success: true } m)
        {
            var from = m.Groups[1].Value == "(new)" ? "新建" : Status(m.Groups[1].Value);
            var reason = m.Groups[3].Success ? $"：{TransitionReason(m.Groups[2].Value, m.Groups[3].Value)}" : "";
            return $"{from} → {Status(m.Groups[2].Value)}{reason}";
        }
        return TimelineDetail(action, detail, full);
    }

    /// <summary>A document revision an action wrote (<c>kind@revision=sha256</c>) in Chinese.</summary>
    public static string DocumentHash(string line) =>
        HashLine.Match(line) is { Success: true } m ? $"{Kind(m.Groups[1].Value)}（{Version(m.Groups[2].Value)}）SHA-256 摘要 {m.Groups[3].Value}" : WordsOnly(line);

    /// <summary>A recorded verification verdict (<c>kind@revision: Valid, 4 signature(s)</c>) in Chinese.</summary>
    public static string VerificationResult(string line)
    {
        if (VerificationLine.Match(line) is not { Success: true } m) return WordsOnly(line);
        var problems = m.Groups[5].Success ? $"；问题：{m.Groups[5].Value}" : "";
        return $"{Kind(m.Groups[1].Value)}（{Version(m.Groups[2].Value)}）：{Verdict(m.Groups[3].Value, m.Groups[4].Value)}{problems}";
    }

    /// <summary>A verification verdict and its signature count, e.g. 文档有效，共 4 个签名.</summary>
    public static string Verdict(string verdict, string signatures) => $"{Verdicts.GetValueOrDefault(verdict, verdict)}，共 {signatures} 个签名";

    public static string Version(string revision) => $"第 {revision} 版";

    private static string? Apply(Rule[]? rules, string text, bool full)
    {
        foreach (var rule in rules ?? [])
        {
            var m = rule.Pattern.Match(text);
            if (m.Success) return rule.Say(m.Groups, full);
        }
        return null;
    }

    /// <summary>Field names and document kinds in a line no rule knows (an older record, a typed reason).</summary>
    private static string WordsOnly(string text)
    {
        text = FieldWord.Replace(text, m => FieldLabel(m.Value));
        text = KindWord.Replace(text, m => Kind(m.Value));
        return RevisionWord.Replace(text, m => Version(m.Groups[1].Value));
    }

    private static string Digest(string sha256) => $"，SHA-256 摘要 {sha256}";

    private static string TemplateVersion(string template) => template.Split('@') is [_, var version, ..] ? version : template;

    private static string At(string iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? BeijingTime.Format(at) : iso;

    private static string Yuan(string fen) =>
        long.TryParse(fen, NumberStyles.None, CultureInfo.InvariantCulture, out var f) ? $"{OneThing.ContractTemplates.Money.Fen.ToYuan(f)} 元" : $"{fen} 分";

    private static string Notice(string what) => what switch
    {
        "sealed" => "合同已盖章",
        "disbursed" => "贷款已发放",
        _ => "签署期限已延长",
    };

    private static string Told(string told)
    {
        var people = told.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(" → ") is [var field, var phone] ? $"{FieldLabel(field)}（{phone}）" : WordsOnly(t)).ToList();
        return people.Count == 0 ? "（无已签署的申请人）" : string.Join("、", people);
    }
}
