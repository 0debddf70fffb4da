using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Access;

/// <summary>
/// The SMS that tells the next signer it is their turn goes out after the signature has committed: when
/// it cannot be sent, the borrower's signature still stands (200, Signed), and the officer sends the
/// co-borrower a new link from the console.
/// </summary>
public sealed class TurnInvitationOutageTests(TurnInvitationOutageTests.Factory factory) : IClassFixture<TurnInvitationOutageTests.Factory>
{
    private const string CoBorrowerPhone = "13990267788";
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_failed_turn_SMS_leaves_the_signature_standing_and_a_new_link_can_be_sent()
    {
        var opened = await _api.OpenCaseAsync(order: "sequential");
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        factory.Gateway.Down = true;
        var signed = await _api.ReadConsentAndSignAsync(borrower, caseId);
        await ApiDriver.EnsureAsync(signed, HttpStatusCode.OK);
        factory.Gateway.Down = false;
        Assert.Equal(1, factory.Gateway.Refused);
        Assert.DoesNotContain((await _api.SmsAsync(CoBorrowerPhone)).Select(m => m["text"]!.GetValue<string>()), t => t.Contains(application, StringComparison.Ordinal));

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var view = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!;
        var parties = view["parties"]!.AsArray();
        Assert.Equal("Signed", parties.Single(p => p!["fieldName"]!.GetValue<string>() == "Borrower")!["status"]!.GetValue<string>());
        var coBorrowerId = parties.Single(p => p!["fieldName"]!.GetValue<string>() == "CoBorrower1")!["id"]!.GetValue<string>();
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{coBorrowerId}/invitation", null), HttpStatusCode.OK);
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", CoBorrowerPhone);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(coBorrower, caseId), HttpStatusCode.OK);
    }

    /// <summary>The service with an SMS gateway that refuses signing links to the co-borrower while <see cref="Down"/>.</summary>
    public sealed class Factory : SigningApiFactory
    {
        public OutageGateway Gateway { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var real = services.Last(d => d.ServiceType == typeof(ISmsSender));
                services.Remove(real);
                services.AddSingleton<ISmsSender>(sp =>
                {
                    Gateway.Inner = (ISmsSender)real.ImplementationFactory!(sp);
                    return Gateway;
                });
            });
        }
    }

    public sealed class OutageGateway : ISmsSender
    {
        public ISmsSender? Inner { get; set; }
        public bool Down { get; set; }
        private int _refused;
        public int Refused => _refused;

        public Task SendAsync(string phone, string text, CancellationToken cancellationToken)
        {
            if (Down && phone == CoBorrowerPhone && text.Contains("/sign/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _refused);
                throw new HttpRequestException("SMS gateway unreachable");
            }
            return Inner!.SendAsync(phone, text, cancellationToken);
        }
    }
}
