using Microsoft.Playwright;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>What an applicant does on the signing page, step by step, as a person would on a phone.</summary>
public sealed class ApplicantSteps(PageSession session, RunningService service, string name, string idNumber, string phone)
{
    private IPage Page => session.Page;

    /// <summary>Opens the newest link sent to the phone: the landing card comes first, then the identity form.</summary>
    public async Task OpenLinkAsync(string? landingScreenshot = null)
    {
        await Page.GotoAsync(await service.LinkSentToAsync(phone));
        await Page.GetByRole(AriaRole.Heading, new() { Name = "住房公积金贷款合同待您签署" }).WaitForAsync();
        if (landingScreenshot is not null) await session.ScreenshotAsync(landingScreenshot);
        await StartAsync();
    }

    /// <summary>From the landing card (when it is showing) on to the identity form.</summary>
    public async Task StartAsync()
    {
        var landingOrForm = Page.Locator("h1").Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex("待您签署|身份核验") });
        await landingOrForm.WaitForAsync();
        var start = Page.GetByRole(AriaRole.Button, new() { Name = "开始办理" });
        if (await start.IsVisibleAsync()) await start.ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "身份核验" }).WaitForAsync();
    }

    public async Task SubmitIdentityAsync(string? asName = null, string? asIdNumber = null)
    {
        if (!await Page.GetByLabel("姓名").IsVisibleAsync()) await StartAsync();
        await Page.GetByLabel("姓名").FillAsync(asName ?? name);
        await Page.GetByLabel("身份证号码").FillAsync(asIdNumber ?? idNumber);
        await Page.GetByRole(AriaRole.Button, new() { Name = "下一步：获取短信验证码" }).ClickAsync();
    }

    public async Task VerifyIdentityAsync()
    {
        await SubmitIdentityAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "短信验证" }).WaitForAsync();
    }

    public async Task EnterCodeAsync(string? code = null)
    {
        await Page.GetByLabel("短信验证码").FillAsync(code ?? await service.CodeSentToAsync(phone));
        await Page.GetByRole(AriaRole.Button, new() { Name = "验证并继续" }).ClickAsync();
    }

    /// <summary>Pages through every document; the page count shown must match the case's documents.</summary>
    public async Task ReadEveryPageAsync(string? screenshot = null)
    {
        var shot = false;
        while (true)
        {
            await Page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^阅读文件") }).WaitForAsync();
            await Page.Locator("#progress-text").WaitForAsync();
            await Assertions.Expect(Page.Locator("#progress-text")).ToContainTextAsync("已阅读");
            if (screenshot is not null && !shot)
            {
                await session.ScreenshotAsync(screenshot);
                shot = true;
            }
            var next = Page.GetByRole(AriaRole.Button, new() { Name = "下一页" });
            if (await next.IsEnabledAsync())
            {
                // No way on before the last page has been shown.
                Assert.False(await Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^已读完") }).IsVisibleAsync());
            }
            while (await next.IsEnabledAsync())
            {
                var before = await Page.Locator("#progress-text").TextContentAsync();
                await next.ClickAsync();
                await Assertions.Expect(Page.Locator("#progress-text")).Not.ToHaveTextAsync(before!);
            }
            // A tap that came before a page finished drawing leaves that page unread: jump back to each one.
            // The listing is a snapshot: a page still drawing may be counted between it and the tap, so the
            // tap goes to the page's number ("第3页 ") whatever its mark is by then.
            var unread = Page.Locator("#page-strip button", new() { HasText = "未读" });
            while ((await unread.AllTextContentsAsync()) is [var label, ..])
            {
                var number = label[..(label.IndexOf('页', StringComparison.Ordinal) + 1)] + " ";
                await Page.Locator("#page-strip button", new() { HasText = number }).ClickAsync();
                await Assertions.Expect(Page.Locator("#page-strip button", new() { HasText = number + "✔已读" })).ToHaveCountAsync(1);
            }
            // The way on appears once the last page is drawn and counted.
            var done = Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^已读完") });
            await Assertions.Expect(done).ToBeVisibleAsync();
            var last = await done.TextContentAsync() == "已读完全部文件，继续";
            await done.ClickAsync();
            if (last) return;
        }
    }

    public async Task AcceptConsentAsync(string expectedText)
    {
        await Page.GetByRole(AriaRole.Heading, new() { Name = "签署声明" }).WaitForAsync();
        Assert.Equal(expectedText, await Page.Locator("#consent-text").TextContentAsync());
        var go = Page.GetByRole(AriaRole.Button, new() { Name = "同意并继续" });
        Assert.False(await go.IsEnabledAsync());
        await Page.GetByLabel("我已阅读并同意上述声明").CheckAsync();
        await go.ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Name = "手写签名" }).WaitForAsync();
    }

    /// <summary>Draws strokes with the mouse on the pad; each stroke is a list of points relative to the pad's top-left corner.</summary>
    public async Task DrawAsync(params (float X, float Y)[][] strokes)
    {
        var pad = Page.Locator(".pad-wrap canvas");
        await pad.ScrollIntoViewIfNeededAsync();
        var box = (await pad.BoundingBoxAsync())!;
        foreach (var stroke in strokes)
        {
            await Page.Mouse.MoveAsync(box.X + stroke[0].X, box.Y + stroke[0].Y);
            await Page.Mouse.DownAsync();
            foreach (var (x, y) in stroke.Skip(1)) await Page.Mouse.MoveAsync(box.X + x, box.Y + y, new() { Steps = 4 });
            await Page.Mouse.UpAsync();
        }
    }

    /// <summary>Three strokes, roughly a handwritten name.</summary>
    public Task DrawNameAsync() => DrawAsync(
        [(20, 40), (60, 30), (100, 45), (140, 35)],
        [(60, 20), (65, 70), (70, 110)],
        [(120, 60), (160, 90), (200, 70), (240, 100)]);

    public Task SubmitSignatureAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "提交签名并签署" }).ClickAsync();
}
