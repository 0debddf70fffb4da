using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// Production sign-in of the staff pages against a real OpenID Connect provider (OpenIddict, started
/// by the test): authorization code with PKCE (S256), state and nonce, code exchanged by the page at
/// the token endpoint, the access token kept in sessionStorage only; the API trusts the provider's
/// tokens (OneThing:Auth:Authority). Roles and centre come from the provider, never from the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OidcSignInTests(BrowserFixture browser)
{
    private const string Password = "correct horse battery staple";

    private static readonly TestUser[] Users =
    [
        new("DY-0001", Password, ["loan-officer", "auditor"], Centre: RunningService.CentreCode),
        new("other-officer", Password, ["loan-officer"], Centre: "91510700MA0OTHERXX"),
        new("no-role", Password, []),
        new("bank-clerk", Password, ["bank"], Bank: RunningService.BankCode),
        new("short-session", Password, ["loan-officer"], Centre: RunningService.CentreCode, TokenLifetime: TimeSpan.FromSeconds(8)),
    ];

    private static async Task<(TestOidcProvider Provider, RunningService Service)> StartAsync(string centreClaim = "centre")
    {
        var provider = await TestOidcProvider.StartAsync(Users, centreClaim);
        var service = RunningService.Start(settings: new Dictionary<string, string>
        {
            ["OneThing:Auth:CentreClaim"] = centreClaim,
            ["OneThing:Auth:Authority"] = provider.Authority.ToString(),
            // The test provider speaks plain HTTP on 127.0.0.1.
            ["OneThing:Auth:RequireHttpsMetadata"] = "false",
            ["OneThing:Auth:Audience"] = TestOidcProvider.Audience,
            ["OneThing:Auth:ApplicantTokenKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["OneThing:Web:SignIn:ClientId"] = TestOidcProvider.ConsoleClientId,
            ["OneThing:Web:SignIn:Scope"] = $"openid profile {TestOidcProvider.ApiScope}",
        });
        await provider.RegisterConsoleClientAsync(service.BaseAddress);
        return (provider, service);
    }

    [Fact]
    public async Task An_officer_signs_in_at_the_provider_and_sees_the_centres_queue_while_another_centre_and_a_non_staff_account_are_refused()
    {
        var (provider, service) = await StartAsync();
        await using var _ = provider;
        await using var __ = service;
        var opened = await service.OpenCaseAsync("O1", await provider.ApprovalSystemTokenAsync());
        var caseId = opened.GetProperty("id").GetString()!;

        // The pages learn the mode from the server, and the provider's origin (only) joins connect-src.
        var config = await service.Http.GetFromJsonAsync<JsonElement>("api/v1/web/config");
        Assert.Equal("oidc", config.GetProperty("mode").GetString());
        Assert.Equal(TestOidcProvider.ConsoleClientId, config.GetProperty("clientId").GetString());
        using (var page = await service.Http.GetAsync("console"))
        {
            var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
            Assert.Matches($"connect-src 'self' {Regex.Escape(provider.Authority.GetLeftPart(UriPartial.Authority))}(;|$)", csp);
        }
        // The development issuer is gone in this mode.
        using (var dev = await service.Http.PostAsJsonAsync("api/v1/dev/tokens", new { subject = "x", roles = new[] { "admin" } }))
            Assert.NotEqual(HttpStatusCode.OK, dev.StatusCode);

        await using var desk = await browser.Browser.DesktopAsync(service.BaseAddress);
        var page1 = desk.Page;
        var authorize = await SignInAsync(desk, "DY-0001", "oidc-01-provider-login");
        // The authorization request is the PKCE code flow with state and nonce.
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", authorize["code_challenge"]);
        Assert.False(string.IsNullOrEmpty(authorize["state"]));
        Assert.False(string.IsNullOrEmpty(authorize["nonce"]));
        Assert.Equal(TestOidcProvider.ConsoleClientId, authorize["client_id"]);

        await page1.GetByRole(AriaRole.Heading, new() { Name = "案件工作台" }).WaitForAsync();
        await Assertions.Expect(page1.Locator("#who")).ToContainTextAsync($"DY-0001 · 中心 {RunningService.CentreCode}");
        // The code and state are gone from the address; the token is in sessionStorage and nowhere else.
        Assert.EndsWith("/console", page1.Url);
        Assert.Equal(0, await page1.EvaluateAsync<int>("() => localStorage.length"));
        var token = await AccessTokenAsync(page1, provider);
        await page1.GetByRole(AriaRole.Button, new() { Name = "全部" }).ClickAsync();
        await Assertions.Expect(page1.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WO1" })).ToBeVisibleAsync();
        await page1.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WO1" }).ClickAsync();
        await Assertions.Expect(page1.Locator("#detail-status")).ToHaveTextAsync("待借款人签署");
        await desk.ScreenshotAsync("oidc-02-console-queue");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(service, $"api/v1/cases/{caseId}", token));

        // Sign-out ends the provider's session too (end_session_endpoint) and comes back here.
        await page1.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page1.GetByRole(AriaRole.Status)).ToContainTextAsync("您已退出登录");
        Assert.Null(await page1.EvaluateAsync<string?>("() => Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')) ?? null"));

        // An officer of another centre signs in but sees none of this centre's cases, and the API refuses the case.
        await SignInAsync(desk, "other-officer");
        await page1.GetByRole(AriaRole.Heading, new() { Name = "案件工作台" }).WaitForAsync();
        await page1.GetByRole(AriaRole.Button, new() { Name = "全部" }).ClickAsync();
        await Assertions.Expect(page1.Locator("#queue")).ToContainTextAsync("此状态下没有案件");
        var otherToken = await AccessTokenAsync(page1, provider);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(service, $"api/v1/cases/{caseId}", otherToken));
        await page1.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await Assertions.Expect(page1.GetByRole(AriaRole.Status)).ToContainTextAsync("您已退出登录");

        // An account without a staff role is turned away with a clear message, and its token is dropped.
        await SignInAsync(desk, "no-role");
        await page1.GetByRole(AriaRole.Heading, new() { Name = "无法使用工作台" }).WaitForAsync();
        await Assertions.Expect(page1.GetByRole(AriaRole.Alert)).ToContainTextAsync("没有工作台岗位");
        await desk.ScreenshotAsync("oidc-03-no-staff-role");
        Assert.Null(await page1.EvaluateAsync<string?>("() => Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')) ?? null"));
        await page1.GetByRole(AriaRole.Button, new() { Name = "退出登录并更换账号" }).ClickAsync();
        await Assertions.Expect(page1.GetByRole(AriaRole.Status)).ToContainTextAsync("您已退出登录");
        desk.AssertNoProblems();

        // The bank's verification page signs in the same way; the bank code comes from the provider.
        await using var bankDesk = await browser.Browser.DesktopAsync(service.BaseAddress);
        await bankDesk.Page.GotoAsync("verify");
        await bankDesk.Page.GetByRole(AriaRole.Button, new() { Name = "使用统一身份认证登录" }).ClickAsync();
        await LogInAtProviderAsync(bankDesk.Page, "bank-clerk");
        await bankDesk.Page.GetByRole(AriaRole.Heading, new() { Name = "核验电子合同" }).WaitForAsync();
        await Assertions.Expect(bankDesk.Page.Locator("#who")).ToContainTextAsync($"bank-clerk（银行 {RunningService.BankCode}）");
        bankDesk.AssertNoProblems();
    }

    [Fact]
    public async Task A_cancelled_sign_in_a_forged_state_and_an_expired_token_each_lead_back_to_sign_in_with_a_clear_message()
    {
        // This provider names the centre claim its own way; OneThing:Auth:CentreClaim maps it.
        var (provider, service) = await StartAsync(centreClaim: "org_code");
        await using var _ = provider;
        await using var __ = service;
        await using var desk = await browser.Browser.DesktopAsync(service.BaseAddress);
        var page = desk.Page;

        // Cancelled at the provider: it answers access_denied with our state.
        await page.GotoAsync("console");
        await page.GetByRole(AriaRole.Button, new() { Name = "使用统一身份认证登录" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "统一身份认证（测试）" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "工作人员登录" }).WaitForAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("您已取消登录");
        Assert.EndsWith("/console", page.Url);
        await desk.ScreenshotAsync("oidc-04-cancelled");

        // A code arriving with a state this tab never issued (a forged or replayed answer) is refused before any exchange.
        var tokenRequests = 0;
        page.Request += (_, r) => { if (r.Url.Contains("/connect/token", StringComparison.Ordinal)) tokenRequests++; };
        await page.GotoAsync("console?code=forged-code&state=0123456789abcdef0123456789abcdef");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("状态校验未通过");
        Assert.Equal(0, tokenRequests);
        await desk.ScreenshotAsync("oidc-05-wrong-state");

        // A token that runs out sends the officer back to sign in.
        await SignInAsync(desk, "short-session");
        await page.GetByRole(AriaRole.Heading, new() { Name = "案件工作台" }).WaitForAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync($"short-session · 中心 {RunningService.CentreCode}");
        await page.GetByRole(AriaRole.Heading, new() { Name = "工作人员登录" }).WaitForAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("登录已过期");
        Assert.Null(await page.EvaluateAsync<string?>("() => Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')) ?? null"));
        desk.AssertNoProblems();
    }

    /// <summary>From the console's sign-in screen through the provider's login form; returns the authorization request's parameters.</summary>
    private static async Task<Dictionary<string, string>> SignInAsync(PageSession desk, string user, string? screenshot = null)
    {
        var page = desk.Page;
        if (!page.Url.EndsWith("/console", StringComparison.Ordinal)) await page.GotoAsync("console");
        var authorizeRequest = page.WaitForRequestAsync(new Regex("/connect/authorize\\?"));
        await page.GetByRole(AriaRole.Button, new() { Name = "使用统一身份认证登录" }).ClickAsync();
        var request = await authorizeRequest;
        await page.GetByRole(AriaRole.Heading, new() { Name = "统一身份认证（测试）" }).WaitForAsync();
        // The provider's page is not the product's: kept as a picture, not audited.
        if (screenshot is not null) await desk.ScreenshotAsync(screenshot, audit: false);
        await LogInAtProviderAsync(page, user);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(request.Url).Query);
        return query.ToDictionary(q => q.Key, q => q.Value.ToString());
    }

    private static async Task LogInAtProviderAsync(IPage page, string user)
    {
        await page.GetByLabel("用户名").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认登录" }).ClickAsync();
    }

    private static Task<string> AccessTokenAsync(IPage page, TestOidcProvider provider) =>
        page.EvaluateAsync<string>(
            "([authority, client]) => JSON.parse(sessionStorage.getItem(`oidc.user:${authority}:${client}`)).access_token",
            new[] { provider.Authority.ToString(), TestOidcProvider.ConsoleClientId });

    private static async Task<HttpStatusCode> StatusAsync(RunningService service, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.Http.SendAsync(request);
        return response.StatusCode;
    }
}
