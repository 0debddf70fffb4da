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
    /// <summary>Invitation to sign; placeholders {application} (the application number) and {link} (required).</summary>
    public string Invitation { get; set; } = "您的住房公积金贷款合同（{application}）待签署，请在有效期内打开链接完成身份核验与签署：{link}";

    /// <summary>One-time code; placeholders {code} (required) and {minutes} (its lifetime).</summary>
    public string Code { get; set; } = "您的签署验证码为 {code}，{minutes} 分钟内有效，请勿告知他人。";
}

public sealed class SmsTextOptionsValidator : IValidateOptions<SmsTextOptions>
{
    private static readonly string[] InvitationPlaceholders = ["{application}", "{link}"];
    private static readonly string[] CodePlaceholders = ["{code}", "{minutes}"];

    public ValidateOptionsResult Validate(string? name, SmsTextOptions o)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Signature) || o.Signature.Length > 12 || o.Signature.IndexOfAny(['【', '】']) >= 0)
            failures.Add("Signature must be 1 to 12 characters without 【】 (they are added around it)");
        Check(o.Templates.Invitation, "Templates:Invitation", "{link}", InvitationPlaceholders, failures);
        Check(o.Templates.Code, "Templates:Code", "{code}", CodePlaceholders, failures);
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
    public string Invitation(string applicationNumber, Uri link) =>
        Signed(options.Value.Templates.Invitation.Replace("{application}", applicationNumber, StringComparison.Ordinal).Replace("{link}", link.ToString(), StringComparison.Ordinal));

    public string Code(string code, TimeSpan lifetime) =>
        Signed(options.Value.Templates.Code.Replace("{code}", code, StringComparison.Ordinal)
            .Replace("{minutes}", ((int)lifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    private string Signed(string text) => $"【{options.Value.Signature}】{text}";
}
