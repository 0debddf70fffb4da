using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// No dead ends for an applicant: the link says what it is for before identity, can be opened again
/// (identity + a fresh code each time) until the party signs, and the pages read are kept on the server
/// per document revision so the next visit resumes there. The loan facts come from the case data.
/// </summary>
public sealed class ResumeAndFactsTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";
    private const string CoBorrowerPhone = "13990267788";

    [Fact]
    public async Task The_landing_card_shows_centre_contract_amount_term_and_deadline_but_nothing_that_names_the_person()
    {
        var opened = await _api.OpenCaseAsync();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var link = await _api.LinkTokenAsync(BorrowerPhone, application);
        var response = await _api.Anonymous().GetAsync($"/api/v1/access/{link}");
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        var body = await response.Content.ReadAsStringAsync();
        var landing = JsonNode.Parse(body)!;
        Assert.Equal("德阳市住房公积金管理中心", landing["centreName"]!.GetValue<string>());
        Assert.Equal("0838-2902329", landing["centrePhone"]!.GetValue<string>());
        Assert.Equal(opened["contractNumber"]!.GetValue<string>(), landing["contractNumber"]!.GetValue<string>());
        Assert.Equal(60000000, landing["loanAmountFen"]!.GetValue<long>());
        Assert.Equal(360, landing["termMonths"]!.GetValue<int>());
        // The link's own deadline (7 days by default), never later than the case's (14 days here).
        var signBy = landing["signBy"]!.GetValue<DateTimeOffset>();
        Assert.True(signBy <= opened["expiresAt"]!.GetValue<DateTimeOffset>());
        Assert.InRange(signBy - opened["createdAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        Assert.True(landing["yourTurn"]!.GetValue<bool>());
        Assert.False(landing["returning"]!.GetValue<bool>());
        foreach (var secret in new[] { BorrowerName, BorrowerId, BorrowerPhone, "6217003810012345678", "天山南路" })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);

        // The invitation SMS names the deadline in Beijing time.
        var deadline = signBy.ToOffset(TimeSpan.FromHours(8));
        var sms = (await _api.SmsAsync(BorrowerPhone)).Select(m => m["text"]!.GetValue<string>()).First(t => t.Contains(application, StringComparison.Ordinal));
        Assert.Contains($"请于{deadline:yyyy年M月d日 HH:mm}（北京时间）前", sms, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reopened_link_needs_identity_and_a_fresh_code_and_resumes_the_pages_read_on_the_same_revision()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var link = await _api.LinkTokenAsync(BorrowerPhone, application);
        var first = await AccessAsync(link);
        var progress = await first.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/progress");
        // The loan contract comes first; nothing read yet.
        Assert.Equal(["loan-contract", "mortgage-contract", "deduction-authorization"], progress!["documents"]!.AsArray().Select(d => d!["kind"]!.GetValue<string>()));
        Assert.All(progress["documents"]!.AsArray(), d => Assert.Empty(d!["pagesRead"]!.AsArray()));
        var loan = progress["documents"]![0]!;
        var revision = loan["revision"]!.GetValue<int>();
        await ApiDriver.EnsureAsync(await first.PostAsJsonAsync($"/api/v1/cases/{caseId}/progress", new { kind = "loan-contract", revision, pages = new[] { 2, 1 } }), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await first.PostAsJsonAsync($"/api/v1/cases/{caseId}/progress", new { kind = "loan-contract", revision, pages = new[] { 2, 3 } }), HttpStatusCode.OK);
        var consent = (await first.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/consent"))!["text"]!.GetValue<string>();
        await ApiDriver.EnsureAsync(await first.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = consent }), HttpStatusCode.NoContent);

        // Next day, another browser: the link says it was used, and the code alone is not enough.
        var other = _api.Anonymous();
        var landing = (await other.GetFromJsonAsync<JsonObject>($"/api/v1/access/{link}"))!;
        Assert.True(landing["returning"]!.GetValue<bool>());
        var code = await _api.LatestCodeAsync(BorrowerPhone);
        await ApiDriver.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Conflict, "identity-not-verified");
        var second = await AccessAsync(link);
        var resumed = (await second.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/progress"))!;
        Assert.Equal([1, 2, 3], resumed["documents"]![0]!["pagesRead"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.True(resumed["consentAccepted"]!.GetValue<bool>());
        Assert.False(resumed["handwritingStored"]!.GetValue<bool>());

        // Once another signature makes a new revision, the old revision's pages no longer count.
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", CoBorrowerPhone);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(coBorrower, caseId), HttpStatusCode.OK);
        var moved = (await second.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/progress"))!;
        Assert.Equal(revision + 1, moved["documents"]![0]!["revision"]!.GetValue<int>());
        Assert.Empty(moved["documents"]![0]!["pagesRead"]!.AsArray());
        await ApiDriver.ProblemAsync(await second.PostAsJsonAsync($"/api/v1/cases/{caseId}/progress", new { kind = "loan-contract", revision, pages = new[] { 4 } }), HttpStatusCode.Conflict, "revision-changed");
    }

    [Fact]
    public async Task Pages_outside_the_document_or_of_an_unknown_kind_are_refused_on_their_path()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var applicant = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), BorrowerName, BorrowerId, BorrowerPhone);
        var progress = (await applicant.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/progress"))!;
        var loan = progress["documents"]![0]!;
        var pageCount = loan["pageCount"]!.GetValue<int>();
        var tooFar = await ApiDriver.ProblemAsync(await applicant.PostAsJsonAsync($"/api/v1/cases/{caseId}/progress",
            new { kind = "loan-contract", revision = loan["revision"]!.GetValue<int>(), pages = new[] { pageCount + 1 } }), HttpStatusCode.BadRequest);
        Assert.NotNull(tooFar["errors"]!["pages"]);
        var unknown = await ApiDriver.ProblemAsync(await applicant.PostAsJsonAsync($"/api/v1/cases/{caseId}/progress",
            new { kind = "lease", revision = 0, pages = new[] { 1 } }), HttpStatusCode.BadRequest);
        Assert.NotNull(unknown["errors"]!["kind"]);
    }

    [Fact]
    public async Task The_facts_carry_the_loan_terms_a_masked_account_the_signature_places_and_a_schedule_that_adds_up()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var facts = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/facts"))!;
        Assert.Equal("中国建设银行股份有限公司", facts["bankName"]!.GetValue<string>());
        Assert.Equal("**** **** 5678", facts["deductionAccountMasked"]!.GetValue<string>());
        Assert.Equal(2.85m, facts["annualRatePercent"]!.GetValue<decimal>());
        // 等额本息 from the textbook formula, in floating point, independent of the service's decimal arithmetic.
        var r = 0.0285 / 12;
        var growth = Math.Pow(1 + r, 360);
        var expected = Math.Round(60000000 * r * growth / (growth - 1));
        Assert.InRange(facts["firstPaymentFen"]!.GetValue<long>(), expected - 1, expected + 1);
        var schedule = facts["schedule"]!.AsArray();
        Assert.Equal(360, schedule.Count);
        Assert.Equal(60000000, schedule.Sum(i => i!["principalFen"]!.GetValue<long>()));
        var places = facts["signaturePlaces"]!.AsArray();
        Assert.Contains(places, p => p!["documentKind"]!.GetValue<string>() == "loan-contract" && p["fieldName"]!.GetValue<string>() == "Borrower" && p["page"]!.GetValue<int>() >= 1);
        // An officer of another centre does not see it.
        var stranger = await _api.AsAsync("loan-officer", "XX-0001", centre: "99999999999999999X");
        await ApiDriver.ProblemAsync(await stranger.GetAsync($"/api/v1/cases/{caseId}/facts"), HttpStatusCode.NotFound);
    }

    private async Task<HttpClient> AccessAsync(string link)
    {
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync(BorrowerPhone);
        var access = await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code });
        await ApiDriver.EnsureAsync(access, HttpStatusCode.OK);
        var token = (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
