using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A bank clerk checks a contract that was changed after signing: the verification page says so in one
/// Chinese sentence with what to do, and the technical detail is one click away.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationReasonTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_contract_changed_after_signing_is_explained_in_one_sentence_with_the_detail_behind_a_click()
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync("V1");
        var caseId = opened.GetProperty("id").GetString()!;
        await service.SignThroughApiAsync(caseId, opened.GetProperty("applicationNumber").GetString()!, "王建国", "510603198804123574", "13881012345");
        var bank = await service.TokenAsync("bank-1", ["bank"], bank: RunningService.BankCode);
        var pdf = await service.GetBytesAsync($"api/v1/cases/{caseId}/documents/loan-contract", bank);
        // One byte inside the first compressed page stream: the structure still parses, the signed bytes differ.
        var at = IndexOf(pdf, "stream\n"u8.ToArray(), 0) + 40;
        pdf[at] ^= 0x5A;
        var file = Path.Combine(Path.GetTempPath(), $"onething-web-{Guid.NewGuid():N}-changed.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            await using var desk = await browser.Browser.DesktopAsync(service.BaseAddress);
            var page = desk.Page;
            await page.GotoAsync("verify");
            await page.GetByLabel("操作员").FillAsync("bank-clerk");
            await page.GetByLabel("银行代码").FillAsync(RunningService.BankCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByLabel("选择要核验的 PDF 合同").SetInputFilesAsync(file);
            await page.GetByRole(AriaRole.Button, new() { Name = "开始核验" }).ClickAsync();
            await Assertions.Expect(page.Locator(".verdict-title")).ToHaveTextAsync("核验结论：无效", new() { Timeout = 120_000 });
            var reason = page.Locator(".reason-text", new() { HasText = "签署后文件被修改，请向公积金中心索取原件。" });
            await Assertions.Expect(reason).ToHaveCountAsync(1);
            var detail = page.Locator(".reason-detail").First;
            await Assertions.Expect(detail.Locator("p")).Not.ToBeVisibleAsync();
            await desk.ScreenshotAsync("verify-04-changed-after-signing");
            await detail.Locator("summary").ClickAsync();
            await Assertions.Expect(detail.Locator("p")).ToBeVisibleAsync();
            await Assertions.Expect(detail.Locator("p")).ToContainTextAsync("文件完整性");
            desk.AssertNoProblems();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("no stream in the PDF");
    }
}
