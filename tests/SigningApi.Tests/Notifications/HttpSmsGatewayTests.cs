using System.Net;
using System.Net.Http.Json;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Notifications;

/// <summary>A gateway that does not take a message is a 503 for the request that sent it, never a silent success.</summary>
public sealed class HttpSmsGatewayTests(HttpSmsGatewayTests.Factory factory) : IClassFixture<HttpSmsGatewayTests.Factory>
{
    /// <summary>The gateway refuses the service's key (401 to every message).</summary>
    public sealed class Factory : ExternalIssuerFactory
    {
        protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string> { ["OneThing:Sms:ApiKey"] = "not-the-gateways-key" };
    }

    [Fact]
    public async Task An_invitation_the_gateway_refuses_is_503_sms_unavailable_with_retry_after_and_nothing_reaches_the_phone()
    {
        var approval = factory.As(factory.Issuer.Staff("approval", ["approval-system"]));
        var response = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(ApiDriver.SampleCase()));
        await ApiDriver.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "sms-unavailable");
        Assert.Equal("30", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Empty(factory.Sms.TextsTo("13881012345"));
    }
}
