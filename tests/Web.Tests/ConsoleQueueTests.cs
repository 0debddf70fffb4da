using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A loan officer at a 1366×768 desk: the queue is a table with counts per status, search by contract
/// and case number, sorting, and cases that expire within 3 days marked; the first case is two key
/// presses from the page heading; a case page shows the loan facts and the documents inline, keeps the
/// timeline and audit folded, and sends a party a new link; a seal officer seals two cases with one
/// confirmation (批量用印) listing them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleQueueTests(BrowserFixture browser)
{
    private static readonly (string Name, string Id, string Phone)[] Couple =
        [("王建国", "510603198804123574", "13881012345"), ("李秀兰", "510603199007232844", "13990267788")];

    [Fact]
    public async Task The_queue_searches_sorts_counts_and_marks_expiring_cases_and_a_seal_officer_seals_two_cases_with_one_confirmation()
    {
        await using var service = RunningService.Start();
        var soon = await service.OpenCaseAsync("Q1", signingDays: 2);
        await service.OpenCaseAsync("Q2");
        var ready = new List<JsonElement> { await service.OpenCaseAsync("Q3"), await service.OpenCaseAsync("Q4") };
        var officer = await service.TokenAsync("DY-0001", ["loan-officer"], centre: RunningService.CentreCode);
        foreach (var c in ready)
        {
            var id = c.GetProperty("id").GetString()!;
            foreach (var (name, idNumber, phone) in Couple) await service.SignThroughApiAsync(id, c.GetProperty("applicationNumber").GetString()!, name, idNumber, phone);
            await service.PostAsync($"api/v1/cases/{id}/countersign", officer, null);
        }

        await using (var desk = await browser.Browser.DesktopAsync(service.BaseAddress))
        {
            var page = desk.Page;
            await page.GotoAsync("console");
            await page.GetByLabel("工号").FillAsync("DY-0001");
            await page.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "案件工作台" }).WaitForAsync();

            // Counts per status on the tabs; the expiring case is announced and marked.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "待借款人签署（2）" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "待盖章（2）" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#queue")).ToContainTextAsync("有 1 件待签署案件将在 3 天内到期");
            await page.GetByRole(AriaRole.Button, new() { Name = "全部（4）" }).ClickAsync();
            await Assertions.Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(4);
            await Assertions.Expect(page.Locator("#queue-table tr.expiring")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#queue-table tr.expiring")).ToContainTextAsync("DYGJJ-JK-2026-WQ1");

            // Sorting by deadline, soonest first: the expiring case leads.
            await page.GetByRole(AriaRole.Button, new() { Name = "签署期限" }).ClickAsync();
            await Assertions.Expect(page.Locator("#queue-table tbody tr").First).ToContainTextAsync("DYGJJ-JK-2026-WQ1");
            await Assertions.Expect(page.Locator("#queue-table th[aria-sort=ascending]")).ToContainTextAsync("签署期限");
            await desk.ScreenshotAsync("console-q1-queue");

            // Search by contract number, then by case number.
            await page.GetByLabel("查找案件").FillAsync("DYGJJ-JK-2026-WQ2");
            await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#queue-page")).ToHaveTextAsync("第 1 / 1 页，共 1 件");
            await page.GetByLabel("查找案件").FillAsync("DYGJJ-2026-WQ4");
            await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#queue-table")).ToContainTextAsync("DYGJJ-JK-2026-WQ4");
            await desk.ScreenshotAsync("console-q2-search");
            await page.GetByLabel("查找案件").FillAsync("");
            await page.GetByRole(AriaRole.Button, new() { Name = "查找", Exact = true }).ClickAsync();

            // Keyboard: from the page heading, Tab then Enter lands on the first case.
            await page.ReloadAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = "案件工作台" }).WaitForAsync();
            await page.Locator("#first-case").WaitForAsync();
            await page.Keyboard.PressAsync("Tab");
            Assert.Equal("jump-first-case", await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.Keyboard.PressAsync("Enter");
            Assert.Equal("first-case", await page.EvaluateAsync<string>("() => document.activeElement.id"));

            // The case page: the loan facts, the documents inline, the rest folded.
            await page.GetByRole(AriaRole.Button, new() { Name = "全部（4）" }).ClickAsync();
            await page.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WQ1" }).ClickAsync();
            var facts = page.Locator("#case-facts");
            await Assertions.Expect(facts).ToContainTextAsync("600,000.00 元");
            await Assertions.Expect(facts).ToContainTextAsync("德阳市住房公积金管理中心");
            await Assertions.Expect(facts).ToContainTextAsync("中国建设银行股份有限公司");
            await Assertions.Expect(facts).ToContainTextAsync("锦江花园");
            await Assertions.Expect(page.Locator("#viewer-page")).ToContainTextAsync("第 1 /");
            await Assertions.Expect(page.Locator(".timeline")).Not.ToBeVisibleAsync();
            await desk.ScreenshotAsync("console-q3-case-page");

            // A new link for the borrower: the officer sees only the masked phone.
            var before = await SmsCountAsync(service, "13881012345");
            await page.GetByRole(AriaRole.Button, new() { Name = "重新发送签署链接" }).First.ClickAsync();
            await page.Locator("dialog").GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
            await Assertions.Expect(page.Locator(".parties")).ToContainTextAsync("已发送至 138****2345");
            Assert.Equal(before + 1, await SmsCountAsync(service, "13881012345"));
            await desk.ScreenshotAsync("console-q4-new-link-sent");
            desk.AssertNoProblems();
        }

        // 批量用印: a seal officer selects both cases, confirms once, and both are sealed.
        await using (var desk = await browser.Browser.DesktopAsync(service.BaseAddress))
        {
            var page = desk.Page;
            await page.GotoAsync("console");
            await page.GetByLabel("工号").FillAsync("DY-0002");
            await page.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
            await page.GetByLabel("经办人（审核签署）").UncheckAsync();
            await page.GetByLabel("印章管理员（加盖电子印章）").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "待盖章（2）" }).ClickAsync();
            await page.GetByLabel("选择 DYGJJ-JK-2026-WQ3").CheckAsync();
            await page.GetByLabel("选择 DYGJJ-JK-2026-WQ4").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "批量用印（已选 2 件）" }).ClickAsync();
            var dialog = page.Locator("dialog");
            await Assertions.Expect(dialog).ToContainTextAsync("DYGJJ-JK-2026-WQ3");
            await Assertions.Expect(dialog).ToContainTextAsync("DYGJJ-JK-2026-WQ4");
            await desk.ScreenshotAsync("console-q5-batch-seal-confirmation");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "确认为 2 件案件加盖印章" }).ClickAsync();
            await Assertions.Expect(page.Locator("#batch-results li.status-Passed")).ToHaveCountAsync(2, new() { Timeout = 120_000 });
            await desk.ScreenshotAsync("console-q6-batch-sealed");
            desk.AssertNoProblems();
        }
        foreach (var c in ready)
        {
            var view = await service.GetAsync<JsonElement>($"api/v1/cases/{c.GetProperty("id").GetString()}", officer);
            Assert.NotEqual("AwaitingSeal", view.GetProperty("status").GetString());
        }
        Assert.Equal("AwaitingSignatures", (await service.GetAsync<JsonElement>($"api/v1/cases/{soon.GetProperty("id").GetString()}", officer)).GetProperty("status").GetString());
    }

    private static async Task<int> SmsCountAsync(RunningService service, string phone) =>
        (await service.Http.GetFromJsonAsync<JsonElement>($"api/v1/dev/sms?phone={phone}")).GetArrayLength();
}
