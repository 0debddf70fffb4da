using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// The whole path through the three front ends in a real browser: two applicants sign on phones,
/// one of them losing the connection while signing; an officer countersigns and seals in the
/// console; the bank's verification page reports the sealed contract valid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SigningJourneyTests(BrowserFixture browser)
{
    private static readonly string ConsentText = new ApplicantSigningOptions().ConsentText;

    [Fact]
    public async Task Two_applicants_sign_an_officer_countersigns_and_seals_and_the_bank_page_reports_the_contract_valid()
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync("J1");
        var caseId = opened.GetProperty("id").GetString()!;

        // --- the borrower signs on a phone ---
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            var borrower = new ApplicantSteps(phone, service, "王建国", "510603198804123574", "13881012345");
            await borrower.OpenLinkAsync();
            await phone.ScreenshotAsync("sign-01-identity");
            await borrower.VerifyIdentityAsync();
            await phone.ScreenshotAsync("sign-02-code");
            await borrower.EnterCodeAsync();
            await borrower.ReadEveryPageAsync("sign-03-reading");
            await phone.ScreenshotAsync("sign-04-consent");
            await borrower.AcceptConsentAsync(ConsentText);

            // A single short flick is not a signature.
            await borrower.DrawAsync([(20, 20), (40, 25)]);
            await borrower.SubmitSignatureAsync();
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("签名过于简单");
            await phone.ScreenshotAsync("sign-05-handwriting-too-simple");
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "撤销一笔" }).ClickAsync();
            await borrower.DrawNameAsync();
            await phone.ScreenshotAsync("sign-06-handwriting");
            await borrower.SubmitSignatureAsync();
            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
            await Assertions.Expect(phone.Page.Locator(".doc-list li")).ToHaveCountAsync(3);
            await Assertions.Expect(phone.Page.Locator(".timeline")).ToContainTextAsync("签署人完成签署");
            phone.AssertNoProblems();
        }

        // --- the co-borrower signs; the answer to "sign" is lost on the way back ---
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            var coBorrower = new ApplicantSteps(phone, service, "李秀兰", "510603199007232844", "13990267788");
            await coBorrower.OpenLinkAsync();
            await coBorrower.VerifyIdentityAsync();
            await coBorrower.EnterCodeAsync();
            await coBorrower.ReadEveryPageAsync();
            await coBorrower.AcceptConsentAsync(ConsentText);
            await coBorrower.DrawNameAsync();

            var signRequests = 0;
            await phone.Page.RouteAsync(new Regex("/api/v1/cases/[^/]+/sign$"), async route =>
            {
                signRequests++;
                if (signRequests == 1)
                {
                    // The server receives and completes the request; the phone never hears back.
                    await route.FetchAsync();
                    await route.AbortAsync("internetdisconnected");
                    return;
                }
                await route.ContinueAsync();
            });
            await coBorrower.SubmitSignatureAsync();
            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "网络连接中断" }).WaitForAsync();
            await phone.ScreenshotAsync("sign-07-connection-lost");
            await phone.Page.GetByRole(AriaRole.Button, new() { Name = "重试签署" }).ClickAsync();
            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
            Assert.Equal(2, signRequests);
            await Assertions.Expect(phone.Page.Locator("#case-status")).ToHaveTextAsync("待经办人审核签署");
            await phone.ScreenshotAsync("sign-08-result");

            // Opening the page again after signing says so instead of offering to sign again.
            await phone.Page.ReloadAsync();
            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "您已完成签署，无需重复签署。" }).WaitForAsync();
            await phone.ScreenshotAsync("sign-09-already-signed");
        }

        // The retry replayed the first answer: the co-borrower signed exactly once.
        var auditor = await service.TokenAsync("auditor-1", ["auditor"]);
        var timeline = await service.GetAsync<JsonElement>($"api/v1/cases/{caseId}/timeline", auditor);
        var signed = timeline.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "signer-signed").Select(e => e.GetProperty("detail").GetString()).ToList();
        Assert.Equal(["Borrower", "CoBorrower1"], signed);

        // --- the officer countersigns and seals in the console ---
        await using (var desk = await browser.Browser.DesktopAsync(service.BaseAddress))
        {
            var page = desk.Page;
            await page.GotoAsync("console");
            // The development PKI provisions one officer key, for DY-0001; countersigning needs the officer's own key.
            await page.GetByLabel("工号").FillAsync("DY-0001");
            await page.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
            // The development form never ticks two duties by default.
            await Assertions.Expect(page.GetByLabel("经办人（审核签署）")).ToBeCheckedAsync();
            await Assertions.Expect(page.GetByLabel("印章管理员（加盖电子印章）")).Not.ToBeCheckedAsync();
            await desk.ScreenshotAsync("console-01-sign-in");
            // This account holds both duties on purpose, to show that it still cannot seal what it countersigned.
            await page.GetByLabel("印章管理员（加盖电子印章）").CheckAsync();
            await page.GetByLabel("审计（查看审计记录）").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            var entry = page.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WJ1" });
            await entry.ClickAsync();
            await Assertions.Expect(page.Locator("#detail-status")).ToHaveTextAsync("待经办人审核签署");
            await desk.ScreenshotAsync("console-02-queue-and-case");

            await page.GetByRole(AriaRole.Button, new() { Name = "审核并签署（经办人）" }).ClickAsync();
            await Assertions.Expect(page.Locator("dialog")).ToBeVisibleAsync();
            await desk.ScreenshotAsync("console-03-countersign-confirmation");
            await page.Locator("dialog").GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
            await Assertions.Expect(page.Locator("#detail-status")).ToHaveTextAsync("待加盖中心电子印章", new() { Timeout = 120_000 });
            // Separation of duties: the countersigner is told another seal officer seals, and gets no seal button.
            await Assertions.Expect(page.Locator("#case-actions")).ToContainTextAsync("按职责分离要求");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "加盖中心电子印章" })).ToHaveCountAsync(0);
            await desk.ScreenshotAsync("console-04-separation-of-duties");

            // Another seal officer signs in and seals.
            await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
            await page.GetByLabel("工号").FillAsync("DY-0002");
            await page.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
            await page.GetByLabel("经办人（审核签署）").UncheckAsync();
            await page.GetByLabel("印章管理员（加盖电子印章）").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "待盖章" }).ClickAsync();
            await page.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WJ1" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "加盖中心电子印章" }).ClickAsync();
            await page.Locator("dialog").GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
            // The workflow moves a sealed case on to mortgage registration within moments: any state from Sealed on counts.
            await Assertions.Expect(page.Locator("#detail-status")).ToHaveTextAsync(
                new System.Text.RegularExpressions.Regex("^(已盖章|已申请抵押登记|抵押已登记|已申请放款|已放款|已办结)$"), new() { Timeout = 120_000 });
            await Assertions.Expect(page.Locator("#reports .verdict-ok")).ToHaveCountAsync(3, new() { Timeout = 120_000 });
            await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("加盖中心电子印章");
            await desk.ScreenshotAsync("console-05-sealed-with-reports");
            desk.AssertNoProblems();
        }

        // --- the bank verifies the sealed loan contract ---
        var bank = await service.TokenAsync("bank-1", ["bank"], bank: RunningService.BankCode);
        var contract = Path.Combine(Path.GetTempPath(), $"onething-web-{Guid.NewGuid():N}-loan-contract.pdf");
        await File.WriteAllBytesAsync(contract, await service.GetBytesAsync($"api/v1/cases/{caseId}/documents/loan-contract", bank));
        var notPdf = Path.ChangeExtension(contract, ".txt");
        await File.WriteAllTextAsync(notPdf, "这不是 PDF");
        try
        {
            await using var desk = await browser.Browser.DesktopAsync(service.BaseAddress);
            var page = desk.Page;
            await page.GotoAsync("verify");
            await page.GetByLabel("操作员").FillAsync("bank-clerk");
            await page.GetByLabel("银行代码").FillAsync(RunningService.BankCode);
            await desk.ScreenshotAsync("verify-01-sign-in");
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

            await page.GetByLabel("选择要核验的 PDF 合同").SetInputFilesAsync(notPdf);
            await page.GetByRole(AriaRole.Button, new() { Name = "开始核验" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("不是 PDF 文件");
            await desk.ScreenshotAsync("verify-02-not-a-pdf");

            await page.GetByLabel("选择要核验的 PDF 合同").SetInputFilesAsync(contract);
            await page.GetByRole(AriaRole.Button, new() { Name = "开始核验" }).ClickAsync();
            await Assertions.Expect(page.Locator(".verdict-title")).ToHaveTextAsync("核验结论：有效", new() { Timeout = 120_000 });
            // Borrower, co-borrower, officer, centre seal and the archive timestamp: each shown and valid.
            var signatures = page.Locator(".report .signature");
            Assert.True(await signatures.CountAsync() >= 4);
            await Assertions.Expect(page.Locator(".report .signature.is-invalid")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".report")).ToContainTextAsync("王建国");
            await Assertions.Expect(page.Locator(".report")).ToContainTextAsync("李秀兰");
            await Assertions.Expect(page.Locator(".report")).ToContainTextAsync("PAdES B-LTA");
            await Assertions.Expect(page.Locator(".report")).ToContainTextAsync("时间戳机构");
            // Signature fields by the names the contracts print, never the PDF's field names.
            await Assertions.Expect(page.Locator(".report")).ToContainTextAsync("新增签名 经办人");
            await Assertions.Expect(page.Locator(".report")).Not.ToContainTextAsync("CoBorrower1");
            await Assertions.Expect(page.Locator(".report")).Not.ToContainTextAsync("DocTimeStamp");
            await desk.ScreenshotAsync("verify-03-valid-report");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "下载 JSON 核验报告" }).ClickAsync());
            var saved = await download.PathAsync();
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(saved));
            Assert.Equal("Valid", json.RootElement.GetProperty("verdict").GetString());
            desk.AssertNoProblems();
        }
        finally
        {
            File.Delete(contract);
            File.Delete(notPdf);
        }
    }
}
