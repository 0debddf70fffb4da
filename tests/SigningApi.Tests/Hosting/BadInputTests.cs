using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>Bad input gets a clear RFC 9457 problem and leaves what is stored unchanged.</summary>
public sealed class BadInputTests(BadInputTests.Factory factory) : IClassFixture<BadInputTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Signing:MaxVerifyUploadBytes"] = "4096",
        };
    }

    private readonly ApiDriver _api = new(factory);
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";

    [Fact]
    public async Task A_case_with_a_string_that_is_not_utf8_is_a_400_problem_on_the_case_and_opens_nothing()
    {
        // Found by the case-intake fuzz harness (tests/Fuzz.Tests/Findings/case-intake): the JSON reader lets
        // invalid UTF-8 inside a string through until the text is transcoded, which threw a 500.
        var approval = await _api.AsAsync("approval-system");
        var before = await CountCasesAsync();
        byte[] body = [.. "{\"case\": {\"caseNumber\": \"D"u8, 0xDB, .. "\"}, \"bankCode\": \"ICBC\"}"u8];
        var response = await approval.PostAsync("/api/v1/cases", new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
        var problem = await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("UTF-8", problem["errors"]!["case"]![0]!.GetValue<string>());
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_opens_nothing()
    {
        var approval = await _api.AsAsync("approval-system");
        var before = await CountCasesAsync();
        var response = await approval.PostAsync("/api/v1/cases", new StringContent("{\"case\": {\"caseNumber\": ", Encoding.UTF8, "application/json"));
        var problem = await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains("JSON", problem["detail"]!.GetValue<string>());
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task An_invalid_case_lists_every_problem_by_field_path()
    {
        var contractCase = ApiDriver.SampleCase();
        contractCase["borrower"]!["idNumber"] = "510603198804123575";
        contractCase["loan"]!["termMonths"] = 0;
        var approval = await _api.AsAsync("approval-system");
        var response = await approval.PostAsJsonAsync("/api/v1/cases", new { @case = contractCase, signingDays = 500 });
        var problem = await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("case.borrower.idNumber"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("case.loan.termMonths"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("bankCode"), problem.ToJsonString());
        Assert.True(errors.ContainsKey("signingDays"), problem.ToJsonString());
    }

    [Theory]
    [InlineData("centre", "case.centre")]
    [InlineData("coBorrowers", "case.coBorrowers")]
    [InlineData("coBorrowers[0]", "case.coBorrowers[0]")]
    [InlineData("borrower.idNumber", "case.borrower.idNumber")]
    [InlineData("centre.phone", "case.centre.phone")]
    [InlineData("loan.deductionAccount", "case.loan.deductionAccount")]
    [InlineData("coBorrowers[0].name", "case.coBorrowers[0].name")]
    public async Task A_json_null_in_the_case_is_a_400_naming_its_path_and_opens_nothing(string member, string errorPath)
    {
        // JSON null overrides the case's defaults, so the validator must report it rather than dereference it.
        var contractCase = ApiDriver.SampleCase();
        JsonNode parent = contractCase;
        var segments = member.Replace("[0]", ".0", StringComparison.Ordinal).Split('.');
        foreach (var segment in segments[..^1])
            parent = int.TryParse(segment, out var index) ? parent[index]! : parent[segment]!;
        if (int.TryParse(segments[^1], out var last)) parent[last] = null;
        else parent[segments[^1]] = null;

        var approval = await _api.AsAsync("approval-system");
        var before = await CountCasesAsync();
        var response = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase));
        var problem = await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem["errors"]!.AsObject().ContainsKey(errorPath), problem.ToJsonString());
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task Wrong_id_numbers_are_counted_and_the_fifth_locks_the_link()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());
        var client = _api.Anonymous();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = "11010519491231002X" });
            var problem = await ApiDriver.ProblemAsync(wrong, HttpStatusCode.Forbidden, "identity-mismatch");
            Assert.Equal(5 - attempt, problem["attemptsRemaining"]!.GetValue<int>());
        }
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = "11010519491231002X" }), HttpStatusCode.Locked, "link-locked");
        // Locked means locked: even the right answer no longer opens it, and no code was ever sent.
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.Locked, "link-locked");
    }

    [Fact]
    public async Task A_wrong_code_is_refused_and_counted_then_the_right_one_grants_access_once()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync(BorrowerPhone);
        var wrongCode = code == "000000" ? "111111" : "000000";
        var problem = await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = wrongCode }), HttpStatusCode.Forbidden, "code-mismatch");
        Assert.Equal(4, problem["attemptsRemaining"]!.GetValue<int>());
        // A resend inside the cooldown is refused with Retry-After.
        var resend = await client.PostAsync($"/api/v1/access/{link}/code/resend", null);
        await ApiDriver.ProblemAsync(resend, HttpStatusCode.TooManyRequests, "resend-cooldown");
        Assert.True(resend.Headers.RetryAfter is not null);
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.OK);
        // The code is spent, and coming back on the link takes name and ID number again before any code.
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Conflict, "identity-not-verified");
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_answer_and_a_different_body_is_refused()
    {
        var approval = await _api.AsAsync("approval-system");
        var first = ApiDriver.Intake(ApiDriver.SampleCase());
        var key = Guid.NewGuid().ToString();
        var created = await PostWithKeyAsync(approval, "/api/v1/cases", first, key);
        await ApiDriver.EnsureAsync(created, HttpStatusCode.Created);
        var firstBody = await created.Content.ReadAsStringAsync();
        var before = await CountCasesAsync();

        var replay = await PostWithKeyAsync(approval, "/api/v1/cases", first, key);
        await ApiDriver.EnsureAsync(replay, HttpStatusCode.Created);
        Assert.Equal(firstBody, await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        var different = await PostWithKeyAsync(approval, "/api/v1/cases", ApiDriver.Intake(ApiDriver.SampleCase()), key);
        await ApiDriver.ProblemAsync(different, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(before, await CountCasesAsync());
    }

    [Fact]
    public async Task A_key_whose_first_request_never_settled_is_in_progress_while_its_lease_holds_and_runs_again_once_the_lease_lapsed()
    {
        var approval = await _api.AsAsync("approval-system");
        var intake = ApiDriver.Intake(ApiDriver.SampleCase());
        var key = Guid.NewGuid().ToString();
        var created = await PostWithKeyAsync(approval, "/api/v1/cases", intake, key);
        await ApiDriver.EnsureAsync(created, HttpStatusCode.Created);
        var caseId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var before = await CountCasesAsync();

        // The process stopped after the intake committed and before the answer was stored; its lease still runs.
        await UnsettleAsync(key, leaseLeft: TimeSpan.FromSeconds(30));
        await ApiDriver.ProblemAsync(await PostWithKeyAsync(approval, "/api/v1/cases", intake, key), HttpStatusCode.Conflict, "idempotency-in-progress");

        // Nobody renewed it: a dead instance's claim lapses within the lease (seconds), not minutes.
        await UnsettleAsync(key, leaseLeft: TimeSpan.FromSeconds(-1));
        var again = await PostWithKeyAsync(approval, "/api/v1/cases", intake, key);
        // Intake is idempotent by application number: the same case, not a second one.
        await ApiDriver.EnsureAsync(again, HttpStatusCode.OK);
        Assert.Equal(caseId, (await again.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Equal(before, await CountCasesAsync());
        var replay = await PostWithKeyAsync(approval, "/api/v1/cases", intake, key);
        await ApiDriver.EnsureAsync(replay, HttpStatusCode.OK);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }

    private async Task UnsettleAsync(string key, TimeSpan leaseLeft)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key);
        record.StatusCode = null;
        record.ContentType = null;
        record.Location = null;
        record.Body = null;
        record.CreatedAt = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        record.LeaseExpiresAt = DateTimeOffset.UtcNow + leaseLeft;
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_same_application_with_other_data_is_a_conflict()
    {
        var contractCase = ApiDriver.SampleCase();
        await _api.OpenCaseAsync(contractCase);
        var approval = await _api.AsAsync("approval-system");
        var again = await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase));
        await ApiDriver.EnsureAsync(again, HttpStatusCode.OK);
        contractCase["loan"]!["termMonths"] = 240;
        await ApiDriver.ProblemAsync(await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase)), HttpStatusCode.Conflict, "application-number-conflict");
    }

    [Fact]
    public async Task Two_simultaneous_signs_of_one_field_cannot_both_succeed_and_a_later_one_is_refused()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), BorrowerName, BorrowerId, BorrowerPhone);
        await _api.PrepareToSignAsync(borrower, caseId);
        var results = await Task.WhenAll(
            borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null),
            borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        var loser = results.Single(r => r.StatusCode != HttpStatusCode.OK);
        await ApiDriver.ProblemAsync(loser, HttpStatusCode.Conflict);

        var afterRace = await borrower.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        Assert.All(afterRace!["documents"]!.AsArray(), d => Assert.Equal(2, d!["revision"]!.GetValue<int>()));
        await ApiDriver.ProblemAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.Conflict, "already-signed");
        var afterRetry = await borrower.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        Assert.Equal(afterRace.ToJsonString(), afterRetry!.ToJsonString());
    }

    [Fact]
    public async Task After_a_decline_nobody_can_sign()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, BorrowerName, BorrowerId, BorrowerPhone);
        await _api.PrepareToSignAsync(borrower, caseId);
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", "13990267788");
        await ApiDriver.EnsureAsync(await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/decline", new { reason = "贷款期限与约定不符" }), HttpStatusCode.OK);
        // The decline ends the case and with it every applicant's access session: the borrower's token signs nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null)).StatusCode);
        var view = await (await _api.AsAsync("auditor")).GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        Assert.Equal("Declined", view!["status"]!.GetValue<string>());
        Assert.All(view["documents"]!.AsArray(), d => Assert.Equal(1, d!["revision"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Consent_must_be_the_exact_text()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), BorrowerName, BorrowerId, BorrowerPhone);
        var text = (await borrower.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/consent"))!["text"]!.GetValue<string>();
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = text + " " }), HttpStatusCode.BadRequest, "validation-failed");
        // Without consent there is no signing.
        await ApiDriver.ProblemAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.Conflict, "consent-required");
    }

    [Fact]
    public async Task A_damaged_handwriting_image_is_refused_at_upload_and_the_stored_one_kept()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), BorrowerName, BorrowerId, BorrowerPhone);
        await _api.PrepareToSignAsync(borrower, caseId);
        var timeline = await borrower.GetStringAsync($"/api/v1/cases/{caseId}/timeline");

        // A PNG whose header is intact but whose pixel data is cut short.
        var whole = TestPng.Signature();
        var damaged = new ByteArrayContent(whole[..(whole.Length - 30)]);
        damaged.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var problem = await ApiDriver.ProblemAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/handwriting", damaged), HttpStatusCode.BadRequest, "invalid-image");
        Assert.Contains("not a readable PNG", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(timeline, await borrower.GetStringAsync($"/api/v1/cases/{caseId}/timeline"));
        // The image sent before still signs.
        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Verify_refuses_a_non_pdf_and_an_oversized_upload()
    {
        var bank = await _api.AsAsync("bank");
        await ApiDriver.ProblemAsync(await bank.PostAsync("/api/v1/verify", Upload(Encoding.UTF8.GetBytes("hello, not a pdf"))), HttpStatusCode.UnsupportedMediaType, "not-a-pdf");
        var big = new byte[8192];
        "%PDF-1.7\n"u8.CopyTo(big);
        await ApiDriver.ProblemAsync(await bank.PostAsync("/api/v1/verify", Upload(big)), HttpStatusCode.RequestEntityTooLarge, "file-too-large");
        await ApiDriver.ProblemAsync(await bank.PostAsJsonAsync("/api/v1/verify", new { file = "x" }), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    private static MultipartFormDataContent Upload(byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "upload.pdf");
        return form;
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task<int> CountCasesAsync()
    {
        var admin = await _api.AsAsync("admin");
        return (await admin.GetFromJsonAsync<JsonArray>("/api/v1/cases?take=200"))!.Count;
    }
}
