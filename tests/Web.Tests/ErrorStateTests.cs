using System.Net.Http.Json;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// Every way the applicant's path can stop shows a clear message: a locked link, a declined case
/// (for the one who declines and for the other signer), an expired code and an expired link.
/// The service runs on a fake clock so expiry is a step, not a wait.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ErrorStateTests(BrowserFixture browser)
{
    [Fact]
    public async Task Locked_link_declined_case_expired_code_and_expired_link_each_show_a_clear_message()
    {
        // Codes live one minute here so the fake clock stays within the token clock skew when it moves past one.
        await using var service = RunningService.Start(fakeClock: true, new Dictionary<string, string> { ["OneThing:Access:CodeLifetime"] = "00:01:00" });
        await service.OpenCaseAsync("E1");
        await service.OpenCaseAsync("E2");
        await service.OpenCaseAsync("E3");
        var borrowerPhone = "13881012345";
        var coBorrowerPhone = "13990267788";

        // Links of each case, oldest case first (the SMS list is newest first).
        async Task<string[]> LinksAsync(string phone)
        {
            var all = await service.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/v1/dev/sms?phone={phone}");
            return all.EnumerateArray().Select(m => m.GetProperty("text").GetString()!)
                .Where(t => t.Contains("/sign/")).Select(t => t[t.IndexOf("http", StringComparison.Ordinal)..]).Reverse().ToArray();
        }
        var borrowerLinks = await LinksAsync(borrowerPhone);
        var coBorrowerLinks = await LinksAsync(coBorrowerPhone);
        Assert.Equal(3, borrowerLinks.Length);

        // --- 1. five wrong identities lock the link ---
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            var page = phone.Page;
            await page.GotoAsync(borrowerLinks[0]);
            var applicant = new ApplicantSteps(phone, service, "王建国", "510603198804123574", borrowerPhone);
            await applicant.SubmitIdentityAsync(asName: "王建军");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("还可尝试 4 次");
            await phone.ScreenshotAsync("error-01-identity-mismatch");
            for (var i = 0; i < 4; i++)
            {
                await applicant.SubmitIdentityAsync(asName: "王建军");
                if (i < 3) await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"还可尝试 {3 - i} 次");
            }
            await page.GetByRole(AriaRole.Heading, new() { Name = "链接已锁定" }).WaitForAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("签署链接已被锁定");
            await phone.ScreenshotAsync("error-02-link-locked");

            // Coming back later says locked at once, before anything is typed.
            await page.GotoAsync(borrowerLinks[0]);
            await page.GetByRole(AriaRole.Heading, new() { Name = "链接已锁定" }).WaitForAsync();
            await Assertions.Expect(page.GetByLabel("姓名")).ToHaveCountAsync(0);
        }

        // --- 2. the borrower of case 2 declines with a reason; the co-borrower is then told ---
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            var page = phone.Page;
            await page.GotoAsync(borrowerLinks[1]);
            var applicant = new ApplicantSteps(phone, service, "王建国", "510603198804123574", borrowerPhone);
            await applicant.VerifyIdentityAsync();
            await applicant.EnterCodeAsync();
            await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^阅读文件") }).WaitForAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "拒绝签署" }).ClickAsync();
            // An empty reason is refused in the page.
            await page.GetByRole(AriaRole.Button, new() { Name = "确认拒签" }).ClickAsync();
            await Assertions.Expect(page.Locator("dialog").GetByRole(AriaRole.Alert)).ToContainTextAsync("请填写拒签原因");
            await page.GetByLabel("拒签原因（必填）").FillAsync("贷款金额与约定不符");
            await phone.ScreenshotAsync("error-03-decline-dialog");
            await page.GetByRole(AriaRole.Button, new() { Name = "确认拒签" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "案件已拒签" }).WaitForAsync();
            await Assertions.Expect(page.Locator("main")).ToContainTextAsync("贷款金额与约定不符");
            await phone.ScreenshotAsync("error-04-declined");
        }
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            // The other signer learns it from the link itself, before typing their identity.
            await phone.Page.GotoAsync(coBorrowerLinks[1]);
            await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "案件已拒签" }).WaitForAsync();
            await Assertions.Expect(phone.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("本案件已被拒签");
            await phone.ScreenshotAsync("error-05-case-declined-for-other-signer");
        }

        // --- 3. a code entered after it expired; a new one works ---
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            var page = phone.Page;
            await page.GotoAsync(borrowerLinks[2]);
            var applicant = new ApplicantSteps(phone, service, "王建国", "510603198804123574", borrowerPhone);
            await applicant.VerifyIdentityAsync();
            var stale = await service.CodeSentToAsync(borrowerPhone);
            service.Clock!.Advance(TimeSpan.FromSeconds(61));
            await applicant.EnterCodeAsync(stale);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("验证码已过期");
            await phone.ScreenshotAsync("error-06-code-expired");
            var sent = await service.CodesSentToAsync(borrowerPhone);
            // The resend countdown ran on the page's own clock; wait for the button rather than assume.
            await page.GetByRole(AriaRole.Button, new() { Name = "重新获取验证码", Exact = true }).ClickAsync(new() { Timeout = 70_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("新的验证码已发送");
            Assert.Equal(sent + 1, await service.CodesSentToAsync(borrowerPhone));
            await applicant.EnterCodeAsync();
            await page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^阅读文件") }).WaitForAsync();
        }

        // --- 4. a link opened after it expired (links live 7 days) ---
        service.Clock!.Advance(TimeSpan.FromDays(8));
        await using (var phone = await browser.Browser.PhoneAsync(service.BaseAddress))
        {
            await phone.Page.GotoAsync(coBorrowerLinks[2]);
            await phone.Page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("已过期|已届满") }).WaitForAsync();
            await phone.ScreenshotAsync("error-07-link-expired");
        }
    }
}
