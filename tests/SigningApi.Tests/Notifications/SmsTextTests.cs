using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Notifications;

namespace OneThing.SigningApi.Tests.Notifications;

/// <summary>The SMS texts follow the operator-approved templates and signature, and bad ones stop start-up.</summary>
public sealed class SmsTextTests
{
    [Fact]
    public void The_configured_signature_and_templates_make_the_text_with_every_placeholder_filled()
    {
        var texts = new SmsTexts(Options.Create(new SmsTextOptions
        {
            Signature = "德阳公积金",
            Templates = new SmsTemplates { Invitation = "合同{application}请于{deadline}前签署：{link}", Code = "验证码 {code}（{minutes}分钟）" },
        }));

        Assert.Equal("【德阳公积金】合同DY-1请于2026年12月8日 18:00（北京时间）前签署：https://esign.example/sign/abc",
            texts.Invitation("DY-1", new Uri("https://esign.example/sign/abc"), new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal("【德阳公积金】验证码 123456（5分钟）", texts.Code("123456", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void The_sealed_and_disbursed_notices_fill_their_templates_in_Beijing_time()
    {
        var texts = new SmsTexts(Options.Create(new SmsTextOptions
        {
            Signature = "德阳公积金",
            Templates = new SmsTemplates { Sealed = "{application}已盖章，{bank}放款", Disbursed = "{application}：{amount}由{bank}于{date}发放，首期{firstRepayment}" },
        }));

        Assert.Equal("【德阳公积金】DY-1已盖章，建行放款", texts.Sealed("DY-1", "建行"));
        // 17:30 UTC on 8 December is already 9 December in Beijing.
        Assert.Equal("【德阳公积金】DY-1：1,234,567.89元由建行于2026年12月9日发放，首期2027年1月20日",
            texts.Disbursed("DY-1", 123456789, "建行", new DateTimeOffset(2026, 12, 8, 17, 30, 0, TimeSpan.Zero), new DateOnly(2027, 1, 20)));
    }

    [Theory]
    [InlineData("贷款已盖章", "{application}", "Templates:Sealed must contain {application}")]
    [InlineData("{application} {amount}", "{application}", "Templates:Sealed has unknown placeholder(s) {amount}")]
    [InlineData("{application}", "{application} {amout}", "Templates:Disbursed has unknown placeholder(s) {amout}")]
    public void A_notice_template_without_the_application_or_with_an_unknown_placeholder_is_refused(string sealedTemplate, string disbursed, string expected)
    {
        var result = new SmsTextOptionsValidator().Validate(null, new SmsTextOptions
        {
            Templates = new SmsTemplates { Sealed = sealedTemplate, Disbursed = disbursed },
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "{link}", "{code}", "Signature")]
    [InlineData("【中心】", "{link}", "{code}", "Signature")]
    [InlineData("中心", "请签署", "{code}", "Templates:Invitation must contain {link}")]
    [InlineData("中心", "{link}", "验证码", "Templates:Code must contain {code}")]
    [InlineData("中心", "{link} {aplication}", "{code}", "unknown placeholder(s) {aplication}")]
    public void A_template_without_its_required_placeholder_or_with_a_misspelt_one_is_refused(string signature, string invitation, string code, string expected)
    {
        var result = new SmsTextOptionsValidator().Validate(null, new SmsTextOptions
        {
            Signature = signature,
            Templates = new SmsTemplates { Invitation = invitation, Code = code },
        });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Kannel_gateway_needs_its_send_URL_and_credentials()
    {
        var result = new SmsGatewayOptionsValidator().Validate(null, new SmsGatewayOptions { Provider = SmsProvider.Kannel });

        Assert.True(result.Failed);
        Assert.Contains("Kannel:SendUrl", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Kannel:Username and Kannel:Password", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new SmsGatewayOptionsValidator().Validate(null, new SmsGatewayOptions()).Succeeded);
    }
}
