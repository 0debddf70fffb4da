using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>
/// The real SigningApi on Kestrel at 127.0.0.1 with its embedded defaults and a temporary data
/// folder; the browser talks to it over HTTP like a phone would. Optionally with a fake clock so
/// tests can let links and codes expire.
/// </summary>
public sealed partial class RunningService : IAsyncDisposable
{
    public const string CentreCode = "12510600MB0K3C2D4E";
    public const string BankCode = "CCB-DEYANG";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _data;

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public FakeTimeProvider? Clock { get; }

    private RunningService(WebApplicationFactory<Program> factory, string data, Uri baseAddress, FakeTimeProvider? clock)
    {
        _factory = factory;
        _data = data;
        BaseAddress = baseAddress;
        Clock = clock;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public static RunningService Start(bool fakeClock = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Directory.CreateTempSubdirectory("onething-web-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var clock = fakeClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            // UseKestrel(port) on a derived factory does not reach the host: name the address as the urls setting.
            b.UseSetting(WebHostDefaults.ServerUrlsKey, baseAddress.ToString().TrimEnd('/'));
            b.UseSetting("OneThing:DataDirectory", data);
            b.UseSetting("OneThing:PublicBaseUrl", baseAddress.ToString().TrimEnd('/'));
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            if (clock is not null) b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        factory.UseKestrel();
        factory.StartServer();
        return new RunningService(factory, data, baseAddress, clock);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<string> TokenAsync(string subject, string[] roles, string? centre = null, string? bank = null)
    {
        using var response = await Http.PostAsJsonAsync("api/v1/dev/tokens", new { subject, roles, centre, bank, lifetimeMinutes = 120 });
        await EnsureAsync(response);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("accessToken").GetString()!;
    }

    /// <summary>
    /// Opens a case from the Deyang couple sample (borrower + co-borrower), renamed so each call is a
    /// new application; as the approval system with a development token unless <paramref name="approvalToken"/> is given.
    /// </summary>
    public async Task<JsonElement> OpenCaseAsync(string suffix, string? approvalToken = null, int signingDays = 14, string signingOrder = "Parallel")
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Repository.Sample("deyang-couple-equal-instalment.json")))!;
        sample["caseNumber"] = $"DYGJJ-2026-W{suffix}";
        sample["contractNumber"] = $"DYGJJ-JK-2026-W{suffix}";
        var token = approvalToken ?? await TokenAsync("approval", ["approval-system"]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/cases")
        {
            Content = JsonContent.Create(new { @case = sample, bankCode = BankCode, signingOrder, signingDays }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>An applicant signs through the API, as the phone page would: link → identity → code → read → consent → handwriting → sign.</summary>
    public async Task SignThroughApiAsync(string caseId, string applicationNumber, string name, string idNumber, string phone)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>($"api/v1/dev/sms?phone={phone}");
        var link = all.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).First(t => t.Contains(applicationNumber, StringComparison.Ordinal));
        var token = LinkPattern().Match(link).Value.Split("/sign/")[1];
        await EnsureAsync(await Http.PostAsJsonAsync($"api/v1/access/{token}/identity", new { name, idNumber }));
        using var access = await Http.PostAsJsonAsync($"api/v1/access/{token}/code", new { code = await CodeSentToAsync(phone) });
        await EnsureAsync(access);
        var bearer = (await access.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" }) await GetBytesAsync($"api/v1/cases/{caseId}/documents/{kind}", bearer);
        var consent = (await GetAsync<JsonElement>($"api/v1/cases/{caseId}/consent", bearer)).GetProperty("text").GetString();
        await PostAsync($"api/v1/cases/{caseId}/consent", bearer, JsonContent.Create(new { text = consent }));
        var png = new ByteArrayContent(OneThing.SigningApi.Tests.Support.TestPng.Signature());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await PostAsync($"api/v1/cases/{caseId}/handwriting", bearer, png);
        await PostAsync($"api/v1/cases/{caseId}/sign", bearer, null);
    }

    /// <summary>
    /// Everything before the signature through the API, on the newest link sent to <paramref name="phone"/>:
    /// every page of every document counted as read, the consent, a handwriting. The same link opened in
    /// the browser then resumes at the handwriting step, so a test of that step need not page through the PDFs.
    /// </summary>
    public async Task PrepareToSignThroughApiAsync(string caseId, string name, string idNumber, string phone)
    {
        var token = (await LinkSentToAsync(phone)).Split("/sign/")[1];
        await EnsureAsync(await Http.PostAsJsonAsync($"api/v1/access/{token}/identity", new { name, idNumber }));
        using var access = await Http.PostAsJsonAsync($"api/v1/access/{token}/code", new { code = await CodeSentToAsync(phone) });
        await EnsureAsync(access);
        var bearer = (await access.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var progress = await GetAsync<JsonElement>($"api/v1/cases/{caseId}/progress", bearer);
        foreach (var d in progress.GetProperty("documents").EnumerateArray())
        {
            // Opened (the server's read mark) and every page drawn (the reading progress), as the page does it.
            await GetBytesAsync($"api/v1/cases/{caseId}/documents/{d.GetProperty("kind").GetString()}", bearer);
            var pages = Enumerable.Range(1, d.GetProperty("pageCount").GetInt32()).ToArray();
            await PostAsync($"api/v1/cases/{caseId}/progress", bearer, JsonContent.Create(new { kind = d.GetProperty("kind").GetString(), revision = d.GetProperty("revision").GetInt32(), pages }));
        }
        var consent = (await GetAsync<JsonElement>($"api/v1/cases/{caseId}/consent", bearer)).GetProperty("text").GetString();
        await PostAsync($"api/v1/cases/{caseId}/consent", bearer, JsonContent.Create(new { text = consent }));
        var png = new ByteArrayContent(OneThing.SigningApi.Tests.Support.TestPng.Signature());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await PostAsync($"api/v1/cases/{caseId}/handwriting", bearer, png);
    }

    /// <summary>The loan officer who holds the development officer key countersigns; another seal officer seals.</summary>
    public async Task CountersignAndSealAsync(string caseId)
    {
        await PostAsync($"api/v1/cases/{caseId}/countersign", await TokenAsync("DY-0001", ["loan-officer"], CentreCode), null);
        await PostAsync($"api/v1/cases/{caseId}/seal", await TokenAsync("DY-0002", ["seal-officer"], CentreCode), null);
    }

    /// <summary>Every SMS the simulated gateway sent to <paramref name="phone"/>, newest first.</summary>
    public async Task<IReadOnlyList<string>> SmsSentToAsync(string phone)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>($"api/v1/dev/sms?phone={phone}");
        return [.. all.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)];
    }

    public async Task PostAsync(string path, string token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response);
    }

    public async Task<T> GetAsync<T>(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public async Task<byte[]> GetBytesAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The newest signing link the simulated SMS gateway sent to <paramref name="phone"/>.</summary>
    public async Task<string> LinkSentToAsync(string phone) =>
        LinkPattern().Match(await NewestSmsAsync(phone, "/sign/")).Value;

    /// <summary>The newest one-time code sent to <paramref name="phone"/>.</summary>
    public async Task<string> CodeSentToAsync(string phone) =>
        CodePattern().Match(await NewestSmsAsync(phone, "验证码")).Groups[1].Value;

    public async Task<int> CodesSentToAsync(string phone)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>($"api/v1/dev/sms?phone={phone}");
        return all.EnumerateArray().Count(m => m.GetProperty("text").GetString()!.Contains("验证码"));
    }

    private async Task<string> NewestSmsAsync(string phone, string containing)
    {
        var all = await Http.GetFromJsonAsync<JsonElement>($"api/v1/dev/sms?phone={phone}");
        return all.EnumerateArray().Select(m => m.GetProperty("text").GetString()!).FirstOrDefault(t => t.Contains(containing))
            ?? throw new InvalidOperationException($"no SMS containing '{containing}' was sent to {phone}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex(@"https?://\S+/sign/[A-Za-z0-9_\-]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"验证码为 (\d+)")]
    private static partial Regex CodePattern();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
