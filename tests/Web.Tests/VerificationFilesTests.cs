using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A bank clerk checks the borrower's copies (signed by the borrower, not yet sealed): several files at once
/// at a 1366×768 desk, one dropped onto the page on a 390×844 phone. Each is reported genuine (the service's
/// own revocation data and TSA certificates, before any LTV data is embedded) but not the final sealed version,
/// and the printed 验签报告 downloads as a PDF the service itself finds sealed by the centre.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class VerificationFilesTests(BrowserFixture browser)
{
    [Fact]
    public async Task Two_files_at_once_and_a_dropped_one_are_genuine_intermediate_revisions_and_the_sealed_report_downloads()
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync("F1");
        var caseId = opened.GetProperty("id").GetString()!;
        await service.SignThroughApiAsync(caseId, opened.GetProperty("applicationNumber").GetString()!, "王建国", "510603198804123574", "13881012345");
        var bank = await service.TokenAsync("bank-1", ["bank"], bank: RunningService.BankCode);
        var folder = Directory.CreateTempSubdirectory("onething-web-verify-");
        try
        {
            var loan = Path.Combine(folder.FullName, "借款合同.pdf");
            var mortgage = Path.Combine(folder.FullName, "抵押合同.pdf");
            await File.WriteAllBytesAsync(loan, await service.GetBytesAsync($"api/v1/cases/{caseId}/documents/loan-contract", bank));
            await File.WriteAllBytesAsync(mortgage, await service.GetBytesAsync($"api/v1/cases/{caseId}/documents/mortgage-contract", bank));

            await using (var desk = await browser.Browser.DesktopAsync(service.BaseAddress))
            {
                var page = desk.Page;
                await SignInAsync(page);
                await page.GetByLabel("选择要核验的 PDF 合同（可多选）").SetInputFilesAsync([loan, mortgage]);
                await Assertions.Expect(page.Locator("#chosen")).ToContainTextAsync("借款合同.pdf、抵押合同.pdf");
                await page.GetByRole(AriaRole.Button, new() { Name = "开始核验" }).ClickAsync();
                var results = page.Locator(".file-result");
                await Assertions.Expect(results).ToHaveCountAsync(2, new() { Timeout = 120_000 });
                await Assertions.Expect(results.Nth(1).Locator(".record-match")).ToContainTextAsync("不是最终盖章版本", new() { Timeout = 120_000 });
                foreach (var i in new[] { 0, 1 })
                {
                    var result = results.Nth(i);
                    await Assertions.Expect(result.Locator(".verdict-title")).ToHaveTextAsync("核验结论：有效");
                    await Assertions.Expect(result.Locator(".report")).ToContainTextAsync("PAdES B-T（含可信时间戳）");
                    await Assertions.Expect(result.Locator(".record-match")).ToContainTextAsync("第 2 版完全一致，但不是最终盖章版本");
                }
                await Assertions.Expect(results.Nth(0)).ToContainTextAsync("文件 1：借款合同.pdf");
                await Assertions.Expect(results.Nth(1)).ToContainTextAsync("抵押合同");
                await desk.ScreenshotAsync("verify-05-two-files");

                var download = await page.RunAndWaitForDownloadAsync(() => results.Nth(0).GetByRole(AriaRole.Button, new() { Name = "下载验签报告（PDF，中心盖章）" }).ClickAsync());
                Assert.Equal("验签报告-借款合同.pdf", download.SuggestedFilename);
                var report = await File.ReadAllBytesAsync((await download.PathAsync())!);
                await Assertions.Expect(results.Nth(0).GetByRole(AriaRole.Status).Last).ToContainTextAsync("验签报告已下载");
                await desk.ScreenshotAsync("verify-06-report-downloaded");
                // The downloaded report is itself a sealed document: the service's verifier finds the centre's seal intact.
                var verified = await VerifyAsync(service, bank, report);
                Assert.Equal("Valid", verified.GetProperty("verdict").GetString());
                Assert.Contains(verified.GetProperty("signatures").EnumerateArray(), s => s.GetProperty("fieldName").GetString() == "CentreSeal");
                desk.AssertNoProblems();
            }

            // On a phone: a file dropped onto the zone is verified at once.
            await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
            {
                var page = phone.Page;
                await SignInAsync(page);
                var bytes = Convert.ToBase64String(await File.ReadAllBytesAsync(loan));
                var transfer = await page.EvaluateHandleAsync(
                    "b64 => { const bin = atob(b64); const data = new Uint8Array(bin.length); for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);"
                    + " const dt = new DataTransfer(); dt.items.add(new File([data], '拖入的借款合同.pdf', { type: 'application/pdf' })); return dt; }", bytes);
                await page.DispatchEventAsync("#drop-zone", "dragover", new Dictionary<string, object> { ["dataTransfer"] = transfer });
                await page.DispatchEventAsync("#drop-zone", "drop", new Dictionary<string, object> { ["dataTransfer"] = transfer });
                var result = page.Locator(".file-result");
                await Assertions.Expect(result).ToHaveCountAsync(1);
                await Assertions.Expect(result.Locator(".verdict-title")).ToHaveTextAsync("核验结论：有效", new() { Timeout = 120_000 });
                await Assertions.Expect(result.Locator(".record-match")).ToContainTextAsync("不是最终盖章版本", new() { Timeout = 120_000 });
                await Assertions.Expect(result).ToContainTextAsync("拖入的借款合同.pdf");
                await result.Locator(".verdict").ScrollIntoViewIfNeededAsync();
                await phone.ScreenshotAsync("phone-verify-01-dropped");
                phone.AssertNoProblems();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("verify");
        await page.GetByLabel("操作员").FillAsync("bank-clerk");
        await page.GetByLabel("银行代码").FillAsync(RunningService.BankCode);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "核验电子合同" }).WaitForAsync();
    }

    private static async Task<JsonElement> VerifyAsync(RunningService service, string token, byte[] pdf)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "report.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/verify") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
