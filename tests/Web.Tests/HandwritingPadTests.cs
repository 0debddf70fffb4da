using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// The handwriting pad on a small phone (360×640): it fits without sideways scrolling; turned to
/// landscape it keeps the ink, scaled to the new pad; full screen it fills the screen (landscape: nearly
/// all of 640×360) with its own undo / clear / done, and what is written there is what is signed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandwritingPadTests(BrowserFixture browser)
{
    private const string Name = "王建国";
    private const string IdNumber = "510603198804123574";
    private const string Phone = "13881012345";

    [Fact]
    public async Task On_a_360_pixel_phone_the_pad_fits_keeps_its_ink_when_rotated_and_goes_full_screen_in_landscape()
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync("P1");
        var caseId = opened.GetProperty("id").GetString()!;
        await service.PrepareToSignThroughApiAsync(caseId, Name, IdNumber, Phone);
        await using var phone = await browser.Browser.PhoneAsync(service.BaseAddress, screen: new ViewportSize { Width = 360, Height = 640 });
        var page = phone.Page;
        var steps = new ApplicantSteps(phone, service, Name, IdNumber, Phone);
        await steps.OpenLinkAsync();
        await steps.VerifyIdentityAsync();
        await steps.EnterCodeAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "手写签名" }).WaitForAsync();

        // Portrait, 360 wide: nothing sticks out, the pad takes the width, the buttons are on screen.
        var pad = page.Locator(".pad-wrap canvas");
        await pad.ScrollIntoViewIfNeededAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
        var box = (await pad.BoundingBoxAsync())!;
        Assert.InRange(box.Width, 300, 360);
        Assert.True(box.Height >= 150, $"pad {box.Width}×{box.Height}");
        await steps.DrawNameAsync();
        var portrait = await InkAsync(page);
        Assert.True(portrait.Pixels > 200, $"{portrait.Pixels} ink pixels");
        await phone.ScreenshotAsync("phone360-pad-01-portrait");

        // Turned on its side: the pad is redrawn at its new size with the whole signature, scaled, still there.
        await page.SetViewportSizeAsync(640, 360);
        var rotated = await WaitForInkAsync(page, i => i.Redrawn && i.Width >= 560);
        Assert.True(rotated.Redrawn, "the pad did not redraw at its new size within 10 s");
        Assert.True(rotated.Width >= 560, $"pad {rotated.Width} wide on a 640-wide screen");
        Assert.True(rotated.Pixels > 200, $"{rotated.Pixels} ink pixels after rotation");
        Assert.True(rotated.MaxX <= rotated.Width && rotated.MaxY <= rotated.Height, $"ink reaches {rotated.MaxX}×{rotated.MaxY} of {rotated.Width}×{rotated.Height}");
        await phone.ScreenshotAsync("phone360-pad-02-landscape");

        // Full screen in landscape: the pad fills nearly the whole screen; written there, then signed.
        await page.GetByRole(AriaRole.Button, new() { Name = "全屏书写" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "手写签名" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("dialog .pad-full-area canvas")).ToHaveCountAsync(1);
        var full = (await page.Locator("dialog canvas").BoundingBoxAsync())!;
        Assert.True(full.Width >= 600 && full.Height >= 250, $"full-screen pad {full.Width}×{full.Height} on 640×360");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "清除重写" }).ClickAsync();
        Assert.Equal(0, (await InkAsync(page)).Pixels);
        await steps.DrawAsync(
            [(40, 80), (200, 60), (360, 90), (520, 70)],
            [(200, 30), (210, 150), (220, 230)],
            [(380, 120), (450, 200), (520, 150), (590, 220)]);
        await phone.ScreenshotAsync("phone360-pad-03-full-screen-landscape");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "写好了" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var back = await WaitForInkAsync(page, i => i.Redrawn && i.Pixels > 200);
        Assert.True(back.MaxX <= back.Width && back.MaxY <= back.Height, $"ink reaches {back.MaxX}×{back.MaxY} of {back.Width}×{back.Height}");

        await steps.SubmitSignatureAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
        // What was written full screen is what was sent and then signed, not the handwriting saved earlier.
        var timeline = await service.GetAsync<System.Text.Json.JsonElement>($"api/v1/cases/{caseId}/timeline", await service.TokenAsync("auditor-1", ["auditor"]));
        var entries = timeline.EnumerateArray().Select(e => (Action: e.GetProperty("action").GetString()!, Detail: e.GetProperty("detail").GetString() ?? "")).ToList();
        var received = entries.Where(e => e.Action == "handwriting-received").Select(e => e.Detail).ToList();
        Assert.Equal(2, received.Count);
        var earlier = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(OneThing.SigningApi.Tests.Support.TestPng.Signature()));
        Assert.Contains(earlier, received[0], StringComparison.Ordinal);
        Assert.DoesNotContain(earlier, received[1], StringComparison.Ordinal);
        Assert.True(entries.FindLastIndex(e => e.Action == "handwriting-received") < entries.FindIndex(e => e.Action == "signer-signed"));
        phone.AssertNoProblems();
    }

    /// <param name="Redrawn">
    /// The canvas bitmap matches its box: the pad has redrawn since the layout last changed. Between a new
    /// layout and the pad's resize callback the old bitmap is stretched over the new box, which is not a state to measure.
    /// </param>
    private sealed record Ink(int Pixels, int Width, int Height, double MaxX, double MaxY, bool Redrawn);

    /// <summary>Ink read back from the pad's pixels: how many are drawn and how far they reach, in CSS pixels.</summary>
    private static async Task<Ink> InkAsync(IPage page)
    {
        var v = await page.EvaluateAsync<double[]>(@"() => {
            const c = document.querySelector('.pad-wrap canvas');
            const r = c.getBoundingClientRect();
            const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0, maxX = 0, maxY = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] > 0) {
              n++;
              const p = (i - 3) / 4;
              maxX = Math.max(maxX, p % c.width); maxY = Math.max(maxY, Math.floor(p / c.width));
            }
            const k = c.width / r.width;
            const ratio = window.devicePixelRatio || 1;
            const redrawn = c.width === Math.max(1, Math.round(r.width * ratio)) && c.height === Math.max(1, Math.round(r.height * ratio));
            return [n, r.width, r.height, maxX / k, maxY / k, redrawn ? 1 : 0];
        }");
        return new Ink((int)v[0], (int)v[1], (int)v[2], v[3], v[4], v[5] == 1);
    }

    private static async Task<Ink> WaitForInkAsync(IPage page, Func<Ink, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var ink = await InkAsync(page);
        while (!ready(ink) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            ink = await InkAsync(page);
        }
        return ink;
    }
}
