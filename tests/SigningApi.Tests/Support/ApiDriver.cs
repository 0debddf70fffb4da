using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>Talks to the service the way its clients do: tokens from the development issuer, links and codes from the simulated SMS.</summary>
public sealed partial class ApiDriver(SigningApiFactory factory)
{
    public const string CentreCode = "12510600MB0K3C2D4E";
    public const string BankCode = "CCB-DY";
    public const string OfficerId = "DY-0001";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Anonymous() => factory.CreateClient();

    public Task<HttpClient> AsAsync(string role, string? subject = null, string? centre = CentreCode, string? bank = BankCode) =>
        AsAsync([role], subject ?? $"{role}-tester", centre, bank);

    /// <summary>A staff token with several roles (the centre and bank go with the roles that need them).</summary>
    public async Task<HttpClient> AsAsync(string[] roles, string subject, string? centre = CentreCode, string? bank = BankCode)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/dev/tokens", new
        {
            subject,
            roles,
            centre = roles.Any(r => r is "loan-officer" or "seal-officer") ? centre : null,
            bank = roles.Contains("bank") ? bank : null,
        });
        await EnsureAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The sample couple's case with a fresh application and contract number.</summary>
    public static JsonObject SampleCase(string? suffix = null)
    {
        var root = FindRepositoryRoot();
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "deyang-couple-equal-instalment.json")))!.AsObject();
        suffix ??= Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        json["caseNumber"] = $"DYGJJ-2026-{suffix}";
        json["contractNumber"] = $"DYGJJ-JK-2026-{suffix}";
        return json;
    }

    public static object Intake(JsonObject contractCase, string order = "parallel", string bankCode = BankCode) =>
        new { @case = contractCase, bankCode, signingOrder = order, signingDays = 14 };

    public async Task<JsonObject> OpenCaseAsync(JsonObject? contractCase = null, string order = "parallel")
    {
        var approval = await AsAsync("approval-system");
        var response = await approval.PostAsJsonAsync("/api/v1/cases", Intake(contractCase ?? SampleCase(), order));
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<IReadOnlyList<JsonObject>> SmsAsync(string phone)
    {
        var list = await Anonymous().GetFromJsonAsync<JsonArray>($"/api/v1/dev/sms?phone={phone}");
        return list!.Select(n => n!.AsObject()).ToList();
    }

    /// <summary>The newest signing link sent to <paramref name="phone"/> for <paramref name="applicationNumber"/>.</summary>
    public async Task<string> LinkTokenAsync(string phone, string applicationNumber)
    {
        // Other notices name the application too (a deadline extension): the newest that carries a link.
        var message = (await SmsAsync(phone)).First(m => m["text"]!.GetValue<string>().Contains(applicationNumber, StringComparison.Ordinal)
            && LinkPattern().IsMatch(m["text"]!.GetValue<string>()));
        return LinkPattern().Match(message["text"]!.GetValue<string>()).Groups[1].Value;
    }

    public async Task<string> LatestCodeAsync(string phone)
    {
        var message = (await SmsAsync(phone)).First(m => CodePattern().IsMatch(m["text"]!.GetValue<string>()));
        return CodePattern().Match(message["text"]!.GetValue<string>()).Groups[1].Value;
    }

    /// <summary>Link → identity → code → an applicant client holding the scoped token.</summary>
    public async Task<HttpClient> ApplicantAsync(string applicationNumber, string name, string idNumber, string phone)
    {
        var link = await LinkTokenAsync(phone, applicationNumber);
        var client = Anonymous();
        await EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name, idNumber }), HttpStatusCode.OK);
        var code = await LatestCodeAsync(phone);
        var access = await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code });
        await EnsureAsync(access, HttpStatusCode.OK);
        var token = (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads every document, accepts the consent text, sends the handwriting, and signs.</summary>
    public async Task<HttpResponseMessage> ReadConsentAndSignAsync(HttpClient applicant, string caseId)
    {
        await PrepareToSignAsync(applicant, caseId);
        return await applicant.PostAsync($"/api/v1/cases/{caseId}/sign", null);
    }

    /// <summary>
    /// The whole signing sequence of an opened sample case: the borrower and the co-borrower each open their
    /// link and sign, the loan officer countersigns, a seal officer seals. <paramref name="coBorrower"/> lets a
    /// test sign the co-borrower from a client it prepared itself (another address or device); each step must succeed.
    /// Returns the borrower's applicant client and the loan officer's client for the test's later reads.
    /// </summary>
    public async Task<SignedCase> SignAndSealAsync(JsonObject opened, HttpClient? coBorrower = null)
    {
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        coBorrower ??= await ApplicantAsync(application, "李秀兰", "510603199007232844", "13990267788");
        await EnsureAsync(await ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        var lastSignature = await ReadConsentAndSignAsync(coBorrower, caseId);
        await EnsureAsync(lastSignature, HttpStatusCode.OK);
        var afterSigners = (await lastSignature.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>();
        var officer = await AsAsync("loan-officer", subject: OfficerId);
        await EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var sealer = await AsAsync("seal-officer");
        await EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        return new SignedCase(caseId, borrower, officer, afterSigners);
    }

    /// <summary>The borrower and the co-borrower of an opened sample case each open their link and sign; each step must succeed.</summary>
    public async Task SignAsBothApplicantsAsync(JsonObject opened)
    {
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        foreach (var (name, id, phone) in new[] { ("王建国", "510603198804123574", "13881012345"), ("李秀兰", "510603199007232844", "13990267788") })
            await EnsureAsync(await ReadConsentAndSignAsync(await ApplicantAsync(application, name, id, phone), caseId), HttpStatusCode.OK);
    }

    /// <summary>Everything before the sign request itself.
    public async Task PrepareToSignAsync(HttpClient applicant, string caseId)
    {
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" })
            await EnsureAsync(await applicant.GetAsync($"/api/v1/cases/{caseId}/documents/{kind}"), HttpStatusCode.OK);
        var consent = (await applicant.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/consent"))!["text"]!.GetValue<string>();
        await EnsureAsync(await applicant.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = consent }), HttpStatusCode.NoContent);
        var png = new ByteArrayContent(TestPng.Signature());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await EnsureAsync(await applicant.PostAsync($"/api/v1/cases/{caseId}/handwriting", png), HttpStatusCode.NoContent);
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Asserts an RFC 9457 problem with this status and (optionally) this <c>code</c>; returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        if (code is not null) Assert.Equal(code, problem["code"]?.GetValue<string>());
        return problem;
    }

    public static string FindRepositoryRoot()
    {
        // Stamped at build time: tests may run from an artifacts folder far from the checkout.
        return typeof(ApiDriver).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    }

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    private static partial Regex CodePattern();
}

/// <summary>A case <see cref="ApiDriver.SignAndSealAsync"/> took to the seal: the status after the last applicant signed, and clients of the borrower and the loan officer.</summary>
public sealed record SignedCase(string CaseId, HttpClient Borrower, HttpClient Officer, string StatusAfterApplicants);
