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
            Templates = new SmsTemplates { Invitation = "合同{application}请签署：{link}", Code = "验证码 {code}（{minutes}分钟）" },
        }));

        Assert.Equal("【德阳公积金】合同DY-1请签署：https://esign.example/sign/abc", texts.Invitation("DY-1", new Uri("https://esign.example/sign/abc")));
        Assert.Equal("【德阳公积金】验证码 123456（5分钟）", texts.Code("123456", TimeSpan.FromMinutes(5)));
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
