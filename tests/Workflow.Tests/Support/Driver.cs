using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneThing.Workflow.Tests.Support;

/// <summary>
/// Drives a case through the HTTP API the way the centre's clients do (development issuer, simulated SMS),
/// on one in-process instance or through a cluster's proxy.
/// </summary>
public sealed partial class Driver(Func<HttpClient> createClient, Func<int, string> recentLog, Func<string, Task<IReadOnlyList<string>>>? readSms = null)
{
    public Driver(WorkflowHost host) : this(host.CreateClient, host.Log.Tail)
    {
    }

    public const string BankCode = "CCB-DY";
    public const string CentreCode = "12510600MB0K3C2D4E";
    public const string OfficerId = "DY-0001";

    public async Task<HttpClient> AsAsync(string role, string? subject = null)
    {
        var client = createClient();
        var response = await client.PostAsJsonAsync("/api/v1/dev/tokens", new
        {
            subject = subject ?? $"{role}-tester",
            roles = new[] { role },
            centre = role is "loan-officer" or "seal-officer" ? CentreCode : null,
            bank = role == "bank" ? BankCode : null,
        });
        await EnsureAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string RepositoryRoot() =>
        typeof(Driver).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>The sample couple's case under a fresh application number.</summary>
    public static JsonObject SampleCase()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json")))!.AsObject();
        var suffix = Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        json["caseNumber"] = $"DYGJJ-2026-{suffix}";
        json["contractNumber"] = $"DYGJJ-JK-2026-{suffix}";
        return json;
    }

    public async Task<(string CaseId, string Application)> OpenAsync(JsonObject? contractCase = null)
    {
        var approval = await AsAsync("approval-system");
        var response = await approval.PostAsJsonAsync("/api/v1/cases", new { @case = contractCase ?? SampleCase(), bankCode = BankCode, signingOrder = "parallel", signingDays = 14 });
        await EnsureAsync(response, HttpStatusCode.Created);
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (view["id"]!.GetValue<string>(), view["applicationNumber"]!.GetValue<string>());
    }

    /// <summary>Both applicants verify and sign, the officer countersigns, the seal officer seals.</summary>
    public async Task SignAndSealAsync(string caseId, string application)
    {
        await ApplicantSignsAsync(caseId, application, "王建国", "510603198804123574", "13881012345");
        await ApplicantSignsAsync(caseId, application, "李秀兰", "510603199007232844", "13990267788");
        var officer = await AsAsync("loan-officer", OfficerId);
        await EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var sealer = await AsAsync("seal-officer");
        await EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
    }

    private async Task ApplicantSignsAsync(string caseId, string application, string name, string idNumber, string phone)
    {
        var client = await ReadyApplicantAsync(caseId, application, name, idNumber, phone);
        await EnsureAsync(await client.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
    }

    /// <summary>The applicant through the link flow, documents read, consent and handwriting given: ready to sign.</summary>
    public async Task<HttpClient> ReadyApplicantAsync(string caseId, string application, string name, string idNumber, string phone)
    {
        var anonymous = createClient();
        var sms = await SmsAsync(anonymous, phone);
        var link = LinkPattern().Match(sms.First(t => t.Contains(application, StringComparison.Ordinal))).Groups[1].Value;
        await EnsureAsync(await anonymous.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name, idNumber }), HttpStatusCode.OK);
        sms = await SmsAsync(anonymous, phone);
        var code = CodePattern().Match(sms.First(t => CodePattern().IsMatch(t))).Groups[1].Value;
        var access = await anonymous.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code });
        await EnsureAsync(access, HttpStatusCode.OK);
        var client = createClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await access.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" })
            await EnsureAsync(await client.GetAsync($"/api/v1/cases/{caseId}/documents/{kind}"), HttpStatusCode.OK);
        var consent = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}/consent"))!["text"]!.GetValue<string>();
        await EnsureAsync(await client.PostAsJsonAsync($"/api/v1/cases/{caseId}/consent", new { text = consent }), HttpStatusCode.NoContent);
        var png = new ByteArrayContent(await File.ReadAllBytesAsync(Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "handwriting"), "*.png").Order().First()));
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await EnsureAsync(await client.PostAsync($"/api/v1/cases/{caseId}/handwriting", png), HttpStatusCode.NoContent);
        return client;
    }

    /// <summary>The messages the phone received, newest first: from the simulated gateway, or the given reader (a real gateway's phone).</summary>
    private async Task<IReadOnlyList<string>> SmsAsync(HttpClient anonymous, string phone) => readSms is not null
        ? await readSms(phone)
        : (await anonymous.GetFromJsonAsync<JsonArray>($"/api/v1/dev/sms?phone={phone}"))!.Select(n => n!["text"]!.GetValue<string>()).ToList();

    /// <summary>Polls the case until it reaches <paramref name="status"/> (the steps after the seal run on the bus).</summary>
    public async Task<JsonObject> WaitForStatusAsync(string caseId, string status, TimeSpan timeout)
    {
        var auditor = await AsAsync("auditor");
        var deadline = DateTime.UtcNow + timeout;
        JsonObject? view = null;
        while (DateTime.UtcNow < deadline)
        {
            view = await auditor.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
            if (view!["status"]!.GetValue<string>() == status) return view;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException(
            $"case {caseId} did not reach {status} within {timeout}; it is {view?["status"]}. The service's recent log:{Environment.NewLine}{recentLog(80)}");
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
            throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex(@"/sign/([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d{6})")]
    private static partial Regex CodePattern();
}
