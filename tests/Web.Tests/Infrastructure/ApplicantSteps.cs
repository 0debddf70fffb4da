using Microsoft.Playwright;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>What an applicant does on the signing page, step by step, as a person would on a phone.</summary>
public sealed class ApplicantSteps(PageSession session, RunningService service, string name, string idNumber, string phone)
{
    private IPage Page => session.Page;

    public async Task OpenLinkAsync()
    {
        await Page.GotoAsync(await service.LinkSentToAsync(phone));
        await Page.GetByRole(AriaRole.Heading, new() { Name = "身份核验" }).WaitForAsync();
    }

    public async Task SubmitIdentityAsync(string? asName = null, string? asIdNumber = null)
    {
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
            var more = Page.GetByRole(AriaRole.Button, new() { Name = "已读完本文件，阅读下一份" });
            if (await more.IsVisibleAsync())
            {
                await more.ClickAsync();
                continue;
            }
            await Page.GetByRole(AriaRole.Button, new() { Name = "已读完全部文件，继续" }).ClickAsync();
            return;
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
