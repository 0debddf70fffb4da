using Microsoft.Playwright;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// Zoom to 200 % on a phone: the applicant's page reflows into half the CSS width at every step —
/// nothing needs horizontal scrolling, every control stays reachable — and each step passes axe
/// (WCAG 2.1 A/AA). The other page states are audited where the journey tests capture them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task At_200_percent_zoom_the_applicant_signs_without_scrolling_sideways()
    {
        await using var service = RunningService.Start();
        await service.OpenCaseAsync("Z1");
        await using var phone = await browser.Browser.PhoneAsync(service.BaseAddress, zoom: 2);
        var page = phone.Page;
        Assert.Equal(195, page.ViewportSize!.Width);
        var applicant = new ApplicantSteps(phone, service, "王建国", "510603198804123574", "13881012345");

        await applicant.OpenLinkAsync();
        await AssertReflowsAsync(phone, "zoom200-01-identity");
        await applicant.VerifyIdentityAsync();
        await AssertReflowsAsync(phone, "zoom200-02-code");
        await applicant.EnterCodeAsync();
        await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^阅读文件") }).WaitForAsync();
        await Assertions.Expect(page.Locator("#progress-text")).ToContainTextAsync("已阅读");
        await AssertReflowsAsync(phone, "zoom200-03-reading");
        await applicant.ReadEveryPageAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "签署声明" }).WaitForAsync();
        await AssertReflowsAsync(phone, "zoom200-04-consent");
        await applicant.AcceptConsentAsync(new ApplicantSigningOptions().ConsentText);
        await AssertReflowsAsync(phone, "zoom200-05-handwriting");
        // The pad is narrower here: a name written within it.
        await applicant.DrawAsync(
            [(10, 30), (50, 25), (90, 40), (130, 30)],
            [(40, 15), (45, 60), (50, 100)],
            [(80, 50), (110, 80), (140, 60)]);
        await applicant.SubmitSignatureAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
        await AssertReflowsAsync(phone, "zoom200-06-result");
        phone.AssertNoProblems();
    }

    /// <summary>No sideways scrolling of the page, every button inside the viewport's width, and an axe audit.</summary>
    private static async Task AssertReflowsAsync(PageSession phone, string state)
    {
        var page = phone.Page;
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, clientWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= clientWidth, $"{state}: the page scrolls sideways ({scrollWidth} > {clientWidth} CSS px)");
        var outside = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('main button, main input, main a, main canvas, main label')]
              .filter(e => e.getClientRects().length > 0)
              .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > document.documentElement.clientWidth + 0.5; })
              .map(e => `${e.tagName.toLowerCase()} "${(e.textContent || e.id || '').trim().slice(0, 30)}"`)
            """);
        Assert.True(outside.Length == 0, $"{state}: cut off at the right edge: {string.Join(", ", outside)}");
        await phone.ScreenshotAsync(state);
    }
}
