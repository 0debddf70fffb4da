using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A borrower on a phone (390×844) never meets a dead end: the link says what it is for, a typo in the ID
/// number is caught on the page, pages count only once drawn — even under fast tapping — and unread ones
/// can be jumped to; a reload or another browser the next day resumes where they were (server-side
/// progress, consent and handwriting); the summary before signing shows the loan terms and where the
/// signature goes. The same path runs at 1366×768 on a desktop.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicantResumeTests(BrowserFixture browser)
{
    private const string Name = "王建国";
    private const string IdNumber = "510603198804123574";
    private const string Phone = "13881012345";

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task Reopening_the_link_in_another_browser_resumes_reading_consent_and_handwriting_and_fast_taps_never_strand_the_reader(string screen)
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync(screen == "phone" ? "R1" : "R2");
        var caseId = opened.GetProperty("id").GetString()!;
        var shot = (string step) => $"{screen}-{step}";

        await using (var first = await OpenAsync(service, screen))
        {
            var page = first.Page;
            var steps = new ApplicantSteps(first, service, Name, IdNumber, Phone);
            await steps.OpenLinkAsync(shot("sign-01-landing"));

            // A typo in the check digit is caught on the page: no identity request, no try used up.
            var identityCalls = 0;
            page.Request += (_, r) => { if (r.Url.EndsWith("/identity", StringComparison.Ordinal)) identityCalls++; };
            await Assertions.Expect(page.GetByLabel("身份证号码")).ToHaveAttributeAsync("inputmode", "numeric");
            await page.GetByLabel("姓名").FillAsync(Name);
            await page.GetByLabel("身份证号码").FillAsync("51060319880412357");
            await page.GetByRole(AriaRole.Button, new() { Name = "输入 X" }).ClickAsync();
            await Assertions.Expect(page.GetByLabel("身份证号码")).ToHaveValueAsync("51060319880412357X");
            await page.GetByRole(AriaRole.Button, new() { Name = "下一步：获取短信验证码" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("校验位不符");
            await first.ScreenshotAsync(shot("sign-02-id-typo"));
            Assert.Equal(0, identityCalls);

            await steps.SubmitIdentityAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "短信验证" }).WaitForAsync();
            Assert.Equal(1, identityCalls);
            await steps.EnterCodeAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "阅读文件 1/3：个人住房公积金借款合同" }).WaitForAsync();
            await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync("已阅读 1 /");
            await first.ScreenshotAsync(shot("sign-03-reading"));

            if (screen == "phone")
            {
                // Turned on its side, the page is redrawn at the new width (a larger page), on the same page
                // number, and the pager stays on screen at the bottom of the shorter window.
                var canvas = page.Locator("#viewer canvas");
                var portraitWidth = (await canvas.BoundingBoxAsync())!.Width;
                await page.SetViewportSizeAsync(844, 390);
                var landscapeWidth = await WidthOnceAsync(canvas, w => w > portraitWidth * 1.8f);
                Assert.True(landscapeWidth > portraitWidth * 1.8f, $"page {portraitWidth} px wide upright, {landscapeWidth} px on its side");
                await Assertions.Expect(page.Locator("#page-number")).ToContainTextAsync("第 1 /");
                var next = (await page.GetByRole(AriaRole.Button, new() { Name = "下一页" }).BoundingBoxAsync())!;
                Assert.True(next.Y >= 0 && next.Y + next.Height <= 390, $"下一页 at y={next.Y} in a 390-high window");
                await first.ScreenshotAsync(shot("sign-03b-reading-landscape"));
                await page.SetViewportSizeAsync(390, 844);
                Assert.True(await WidthOnceAsync(canvas, w => w < portraitWidth * 1.1f) < portraitWidth * 1.1f);
            }

            // Fast tapping: ten taps with no pause. The reader ends on the last page, counted; pages
            // skipped before they were drawn are marked unread and are one tap away.
            var pageCount = await page.Locator("#page-strip li").CountAsync();
            await page.EvaluateAsync("() => { const next = [...document.querySelectorAll('button')].find(b => b.textContent === '下一页'); for (let i = 0; i < 10; i++) next.click(); }");
            await Assertions.Expect(page.Locator("#page-number")).ToHaveTextAsync($"第 {pageCount} / {pageCount} 页");
            await Assertions.Expect(page.Locator("#page-strip li").Last.GetByRole(AriaRole.Button)).ToHaveTextAsync($"第{pageCount}页 ✔已读");
            var read = await page.Locator("#page-strip button", new() { HasText = "已读" }).CountAsync();
            await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync($"已阅读 {read} /");
            if (read < pageCount)
            {
                Assert.True(await page.Locator("#reading-done").IsHiddenAsync());
                await Assertions.Expect(page.Locator("#unread-note")).ToContainTextAsync("未读");
                await first.ScreenshotAsync(shot("sign-04-unread-marked"));
            }
            // What the page counted is what the server holds (each drawn page is sent as it is counted).
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((await ProgressAsync(service, page, caseId))[0] != read && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.Equal(read, (await ProgressAsync(service, page, caseId))[0]);

            // Zoom and the schedule as a table.
            await page.GetByRole(AriaRole.Button, new() { Name = "放大" }).ClickAsync();
            await Assertions.Expect(page.Locator("#zoom-level")).ToHaveTextAsync("150%");
            await page.Locator("#schedule summary").ClickAsync();
            await Assertions.Expect(page.Locator("#schedule tbody tr")).ToHaveCountAsync(360);
            await page.Locator("#schedule").ScrollIntoViewIfNeededAsync();
            await first.ScreenshotAsync(shot("sign-05-zoom-and-schedule"));
            await page.GetByRole(AriaRole.Button, new() { Name = "适合宽度" }).ClickAsync();

            // A reload does not go back to page 1 of document 1: it resumes at the first unread page.
            var firstUnread = await FirstUnreadAsync(page);
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "阅读文件 1/3：个人住房公积金借款合同" }).WaitForAsync();
            if (firstUnread is { } n) await Assertions.Expect(page.Locator("#page-number")).ToHaveTextAsync($"第 {n} / {pageCount} 页");

            // Finish the first document by jumping to each unread page, then read the second halfway.
            while (await FirstUnreadAsync(page) is { } unread)
            {
                await page.Locator("#page-strip button").Nth(unread - 1).ClickAsync();
                await Assertions.Expect(page.Locator("#page-strip button").Nth(unread - 1)).ToHaveTextAsync($"第{unread}页 ✔已读");
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "已读完本文件，阅读下一份" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "阅读文件 2/3：抵押合同" }).WaitForAsync();
            await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync($"已阅读 {pageCount + 1} /");
        }

        // Next day, another browser: identity and a fresh code again, then straight back to document 2.
        await using (var second = await OpenAsync(service, screen))
        {
            var page = second.Page;
            var steps = new ApplicantSteps(second, service, Name, IdNumber, Phone);
            await page.GotoAsync(await service.LinkSentToAsync(Phone));
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("您之前打开过此链接");
            await second.ScreenshotAsync(shot("sign-06-returning"));
            await steps.VerifyIdentityAsync();
            await steps.EnterCodeAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "阅读文件 2/3：抵押合同" }).WaitForAsync();
            await Assertions.Expect(page.Locator("#page-number")).ToContainTextAsync("第 2 /");
            await steps.ReadEveryPageAsync();
            await steps.AcceptConsentAsync(new ApplicantSigningOptions().ConsentText);

            // The summary before the pad: the loan terms and where the signature goes.
            var summary = page.Locator("#signing-summary");
            await Assertions.Expect(summary).ToContainTextAsync("600,000.00 元");
            await Assertions.Expect(summary).ToContainTextAsync("360 个月");
            await Assertions.Expect(summary).ToContainTextAsync("2.85%");
            await Assertions.Expect(page.Locator("#deduction-account")).ToHaveTextAsync("中国建设银行德阳旌阳支行 **** **** 5678");
            await Assertions.Expect(summary).ToContainTextAsync(new Regex("个人住房公积金借款合同 第 \\d+ 页"));
            await second.ScreenshotAsync(shot("sign-07-summary"));
            await steps.DrawNameAsync();
            // The handwriting reaches the server; the person then walks away before signing.
            await page.RouteAsync(new Regex("/api/v1/cases/[^/]+/sign$"), route => route.AbortAsync("internetdisconnected"));
            await steps.SubmitSignatureAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "网络连接中断" }).WaitForAsync();
        }

        // A third visit offers the saved handwriting and signs with it.
        await using (var third = await OpenAsync(service, screen))
        {
            var page = third.Page;
            var steps = new ApplicantSteps(third, service, Name, IdNumber, Phone);
            await page.GotoAsync(await service.LinkSentToAsync(Phone));
            await steps.VerifyIdentityAsync();
            await steps.EnterCodeAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "手写签名" }).WaitForAsync();
            await third.ScreenshotAsync(shot("sign-08-saved-handwriting"));
            await page.GetByRole(AriaRole.Button, new() { Name = "使用上次保存的手写签名签署" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
            await third.ScreenshotAsync(shot("sign-09-signed"));
            third.AssertNoProblems();
        }
    }

    private Task<PageSession> OpenAsync(RunningService service, string screen) =>
        screen == "phone" ? browser.Browser.PhoneAsync(service.BaseAddress) : browser.Browser.DesktopAsync(service.BaseAddress);

    /// <summary>The element's width once <paramref name="settled"/> holds (the redraw follows a resize after a short pause), or after 10 s.</summary>
    private static async Task<float> WidthOnceAsync(ILocator element, Func<float, bool> settled)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var width = (await element.BoundingBoxAsync())!.Width;
        while (!settled(width) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            width = (await element.BoundingBoxAsync())!.Width;
        }
        return width;
    }

    private static async Task<int?> FirstUnreadAsync(IPage page)
    {
        var labels = await page.Locator("#page-strip button").EvaluateAllAsync<string[]>("bs => bs.map(b => b.textContent)");
        var i = Array.FindIndex(labels, l => l.EndsWith("未读", StringComparison.Ordinal));
        return i < 0 ? null : i + 1;
    }

    /// <summary>Pages read per document as the server records them, asked with the page's own access token.</summary>
    private static async Task<int[]> ProgressAsync(RunningService service, IPage page, string caseId)
    {
        var token = await page.EvaluateAsync<string>("() => Object.keys(sessionStorage).map(k => JSON.parse(sessionStorage.getItem(k))).find(v => v && v.access).access.accessToken");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/cases/{caseId}/progress");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("pagesRead").GetArrayLength())];
    }
}
