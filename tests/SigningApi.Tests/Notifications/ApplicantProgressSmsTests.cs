using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Notifications;

/// <summary>
/// After signing, the applicants are told by SMS when the centre has sealed the contracts and when the
/// bank has disbursed the loan — each once, in the configured templates under the 【…】 signature, with
/// the figures of the case (the sample's amount, bank and first repayment date, written out here).
/// </summary>
public sealed class ApplicantProgressSmsTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);
    private static readonly string[] Phones = ["13881012345", "13990267788"];

    [Fact]
    public async Task Every_applicant_gets_one_SMS_when_the_case_is_sealed_and_one_when_the_loan_is_disbursed()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", Phones[0]);
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", Phones[1]);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(coBorrower, caseId), HttpStatusCode.OK);
        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        // Nothing is said before the seal: countersigning is the centre's internal step.
        foreach (var phone in Phones) Assert.Empty(await NoticesAsync(phone, application));
        await ApiDriver.EnsureAsync(await (await _api.AsAsync("seal-officer")).PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);

        // The simulated registry and bank answer within seconds; the notices go out on their own queues.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && (await Task.WhenAll(Phones.Select(p => NoticesAsync(p, application)))).Any(n => n.Count < 2))
            await Task.Delay(250);

        // Each notice is recorded in the timeline as its consumer commits, just after its SMS were handed over.
        JsonArray timeline;
        do timeline = (await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        while (timeline.Count(e => e!["action"]!.GetValue<string>() == "applicants-notified") < 2 && DateTime.UtcNow < deadline && await Delay());
        var disbursedAt = timeline.Last(e => e!["action"]!.GetValue<string>() == "loan-disbursed")!["at"]!.GetValue<DateTimeOffset>().ToOffset(TimeSpan.FromHours(8));
        var sealedText = $"【公积金中心】您的住房公积金贷款合同（{application}）已全部签署，并已加盖公积金中心电子印章。下一步：中心办理抵押登记，完成后由中国建设银行股份有限公司德阳旌阳支行发放贷款，放款后将短信通知您。";
        var disbursedText = $"【公积金中心】您的住房公积金贷款（{application}）600,000.00元已由中国建设银行股份有限公司德阳旌阳支行于{disbursedAt:yyyy年M月d日}发放。首次还款日为2026年4月20日，请在此前确保扣款账户余额充足。";
        foreach (var phone in Phones)
        {
            var notices = await NoticesAsync(phone, application);
            // Newest first: the seal, then the disbursement, each exactly once.
            Assert.Equal([disbursedText, sealedText], notices);
        }
        var notified = timeline.Where(e => e!["action"]!.GetValue<string>() == "applicants-notified").Select(e => e!["detail"]!.GetValue<string>()).ToList();
        Assert.Equal(2, notified.Count);
        Assert.All(notified, d => Assert.Contains("Borrower → 138****2345, CoBorrower1 → 139****7788", d, StringComparison.Ordinal));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(250);
        return true;
    }

    /// <summary>The SMS to <paramref name="phone"/> about this application other than its invitation and codes.</summary>
    private async Task<List<string>> NoticesAsync(string phone, string application) =>
        [.. (await _api.SmsAsync(phone)).Select(m => m["text"]!.GetValue<string>())
            .Where(t => t.Contains(application, StringComparison.Ordinal) && !t.Contains("/sign/", StringComparison.Ordinal))];
}
