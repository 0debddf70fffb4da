using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The texts sent to applicants' phones. Chinese operators deliver only pre-approved templates under a
/// registered signature, so both are configuration (<c>OneThing:Sms:Signature</c>, <c>:Templates:*</c>):
/// the centre enters exactly what its operator approved.
/// </summary>
public sealed class SmsTextOptions
{
    public const string SectionName = "OneThing:Sms";

    /// <summary>The registered signature, sent as the 【…】 prefix of every message.</summary>
    public string Signature { get; set; } = "公积金中心";

    public SmsTemplates Templates { get; set; } = new();
}

public sealed class SmsTemplates
{
    /// <summary>
    /// Invitation to sign; placeholders {application} (the application number), {deadline} (the link's
    /// deadline in Beijing time, e.g. 2026年12月8日 18:00（北京时间）) and {link} (required).
    /// </summary>
    public string Invitation { get; set; } = "您的住房公积金贷款合同（{application}）待签署，请于{deadline}前打开链接完成身份核验与签署：{link}";

    /// <summary>One-time code; placeholders {code} (required) and {minutes} (its lifetime).</summary>
    public string Code { get; set; } = "您的签署验证码为 {code}，{minutes} 分钟内有效，请勿告知他人。";

    /// <summary>
    /// To every applicant once the centre has sealed the contracts; placeholders {application} (required)
    /// and {bank} (the lending bank's name). Says what happens next, so nobody has to phone to ask.
    /// </summary>
    public string Sealed { get; set; } = "您的住房公积金贷款合同（{application}）已全部签署，并已加盖公积金中心电子印章。下一步：中心办理抵押登记，完成后由{bank}发放贷款，放款后将短信通知您。";

    /// <summary>
    /// To every applicant once the bank has disbursed the loan; placeholders {application} (required),
    /// {amount} (in yuan, e.g. 600,000.00元), {bank}, {date} (the disbursement date, Beijing time) and
    /// {firstRepayment} (the first repayment date).
    /// </summary>
    public string Disbursed { get; set; } = "您的住房公积金贷款（{application}）{amount}已由{bank}于{date}发放。首次还款日为{firstRepayment}，请在此前确保扣款账户余额充足。";

    /// <summary>
    /// To every applicant who has not yet signed when the loan officer extends the signing deadline;
    /// placeholders {application} and {deadline} (required: the new deadline in Beijing time). Their
    /// link already runs to it, so the message carries no link.
    /// </summary>
    public string DeadlineExtended { get; set; } = "您的住房公积金贷款合同（{application}）签署期限已延长至{deadline}，请在此之前使用已收到的签署链接完成签署。";
}

public sealed class SmsTextOptionsValidator : IValidateOptions<SmsTextOptions>
{
    private static readonly string[] InvitationPlaceholders = ["{application}", "{deadline}", "{link}"];
    private static readonly string[] CodePlaceholders = ["{code}", "{minutes}"];
    private static readonly string[] SealedPlaceholders = ["{application}", "{bank}"];
    private static readonly string[] DisbursedPlaceholders = ["{application}", "{amount}", "{bank}", "{date}", "{firstRepayment}"];
    private static readonly string[] DeadlineExtendedPlaceholders = ["{application}", "{deadline}"];

    public ValidateOptionsResult Validate(string? name, SmsTextOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Signature) || o.Signature.Length > 12 || o.Signature.IndexOfAny(['【', '】']) >= 0)
            failures.Add("Signature must be 1 to 12 characters without 【】 (they are added around it)");
        Check(o.Templates.Invitation, "Templates:Invitation", "{link}", InvitationPlaceholders, failures);
        Check(o.Templates.Code, "Templates:Code", "{code}", CodePlaceholders, failures);
        Check(o.Templates.Sealed, "Templates:Sealed", "{application}", SealedPlaceholders, failures);
        Check(o.Templates.Disbursed, "Templates:Disbursed", "{application}", DisbursedPlaceholders, failures);
        Check(o.Templates.DeadlineExtended, "Templates:DeadlineExtended", "{deadline}", DeadlineExtendedPlaceholders, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string? template, string name, string required, string[] known, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(template) || !template.Contains(required, StringComparison.Ordinal))
        {
            failures.Add($"{name} must contain {required}");
            return;
        }
        // A misspelt placeholder would reach the applicant's phone verbatim.
        var unknown = System.Text.RegularExpressions.Regex.Matches(template, @"\{[^}]*\}").Select(m => m.Value).Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0) failures.Add($"{name} has unknown placeholder(s) {string.Join(", ", unknown)} (known: {string.Join(", ", known)})");
    }
}

/// <summary>Fills the configured templates and puts the signature in front.</summary>
public sealed class SmsTexts(IOptions<SmsTextOptions> options)
{
    public string Invitation(string applicationNumber, Uri link, DateTimeOffset deadline) =>
        Signed(options.Value.Templates.Invitation.Replace("{application}", applicationNumber, StringComparison.Ordinal)
            .Replace("{deadline}", BeijingTime.Format(deadline), StringComparison.Ordinal)
            .Replace("{link}", link.ToString(), StringComparison.Ordinal));

    public string Code(string code, TimeSpan lifetime) =>
        Signed(options.Value.Templates.Code.Replace("{code}", code, StringComparison.Ordinal)
            .Replace("{minutes}", ((int)lifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public string Sealed(string applicationNumber, string bankName) =>
        Signed(options.Value.Templates.Sealed.Replace("{application}", applicationNumber, StringComparison.Ordinal)
            .Replace("{bank}", bankName, StringComparison.Ordinal));

    public string Disbursed(string applicationNumber, long amountFen, string bankName, DateTimeOffset disbursedAt, DateOnly firstRepayment) =>
        Signed(options.Value.Templates.Disbursed.Replace("{application}", applicationNumber, StringComparison.Ordinal)
            .Replace("{amount}", $"{OneThing.ContractTemplates.Money.Fen.ToYuan(amountFen)}元", StringComparison.Ordinal)
            .Replace("{bank}", bankName, StringComparison.Ordinal)
            .Replace("{date}", BeijingTime.FormatDate(disbursedAt), StringComparison.Ordinal)
            .Replace("{firstRepayment}", firstRepayment.ToString("yyyy年M月d日", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    public string DeadlineExtended(string applicationNumber, DateTimeOffset deadline) =>
        Signed(options.Value.Templates.DeadlineExtended.Replace("{application}", applicationNumber, StringComparison.Ordinal)
            .Replace("{deadline}", BeijingTime.Format(deadline), StringComparison.Ordinal));

    private string Signed(string text) => $"【{options.Value.Signature}】{text}";
}
