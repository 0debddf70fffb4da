using System.Text.Json;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A loan officer (who also audits) at a 1366×768 desk extends a case's deadline from the case page with a
/// reason, and reads the case's record in Chinese: the timeline's steps, the state changes' reasons and the
/// audit trail's columns, actions and details name 借款人, 共同借款人 and the documents in Chinese, never
/// the service's field names, document kinds or state names. An administrator then cancels the case with a reason.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleActionsTests(BrowserFixture browser)
{
    private static readonly string[] EnglishRecordWords =
        ["Borrower", "CoBorrower", "LoanOfficer", "loan-contract", "mortgage-contract", "deduction-authorization", "signer(s) invited",
         "last signer", "signed", "opened", "AwaitingSignatures", "AwaitingCountersign", "signer-signed", "deadline-extended", "transition"];

    [Fact]
    public async Task The_officer_extends_a_deadline_with_a_reason_and_reads_timeline_state_changes_and_audit_in_chinese()
    {
        await using var service = RunningService.Start();
        var waiting = await service.OpenCaseAsync("X1");
        var waitingId = waiting.GetProperty("id").GetString()!;
        await service.SignThroughApiAsync(waitingId, waiting.GetProperty("applicationNumber").GetString()!, "王建国", "510603198804123574", "13881012345");
        var signed = await service.OpenCaseAsync("X2");
        foreach (var (name, id, phone) in new[] { ("王建国", "510603198804123574", "13881012345"), ("李秀兰", "510603199007232844", "13990267788") })
            await service.SignThroughApiAsync(signed.GetProperty("id").GetString()!, signed.GetProperty("applicationNumber").GetString()!, name, id, phone);
        var officer = await service.TokenAsync("DY-0001", ["loan-officer"], centre: RunningService.CentreCode);

        await using var desk = await browser.Browser.DesktopAsync(service.BaseAddress);
        var page = desk.Page;
        await page.GotoAsync("console");
        await page.GetByLabel("工号").FillAsync("DY-0001");
        await page.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
        await page.GetByLabel("审计（查看审计记录）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "待借款人签署（1）" }).ClickAsync();
        await page.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WX1" }).ClickAsync();

        // 延长签署期限: a date a week on (Beijing time) and a reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "延长签署期限" }).ClickAsync();
        var dialog = page.Locator("dialog");
        var wanted = DateTimeOffset.Parse(waiting.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ToOffset(TimeSpan.FromHours(8)).AddDays(7);
        var local = wanted.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        await dialog.GetByLabel("新的签署期限（北京时间）").FillAsync(local);
        await dialog.GetByLabel("延期原因（必填）").FillAsync("借款人出差，需延期一周");
        await desk.ScreenshotAsync("console-q7-extend-deadline");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        // The case page reloads with the new deadline (shown in Beijing time as zh-CN writes it).
        await Assertions.Expect(page.Locator("#case-facts")).ToContainTextAsync(wanted.ToString("yyyy/MM/dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        var view = await service.GetAsync<JsonElement>($"api/v1/cases/{waitingId}", officer);
        var stored = DateTimeOffset.Parse(view.GetProperty("expiresAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new DateTimeOffset(wanted.Year, wanted.Month, wanted.Day, wanted.Hour, wanted.Minute, 0, TimeSpan.FromHours(8)), stored);

        // The timeline, opened: each step in Chinese, the extension with its reason.
        await Summary(page, "办理时间线").ClickAsync();
        var timeline = page.Locator(".timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("延长签署期限");
        await Assertions.Expect(timeline).ToContainTextAsync("借款人出差，需延期一周");
        await Assertions.Expect(timeline).ToContainTextAsync("借款人签署个人住房公积金借款合同（第 2 版）");
        await Assertions.Expect(timeline).ToContainTextAsync("向共同借款人（139****7788）发送签署链接");
        await Summary(page, "状态变更").ClickAsync();
        await Assertions.Expect(Section(page, "状态变更")).ToContainTextAsync("已邀请 2 位签署人");
        await Summary(page, "审计记录").ClickAsync();
        var audit = page.Locator("#audit");
        await Assertions.Expect(audit.Locator("thead")).ToContainTextAsync("操作");
        await Assertions.Expect(audit).ToContainTextAsync("已受理 → 待借款人签署：已邀请 2 位签署人");
        await Assertions.Expect(audit).ToContainTextAsync("延长签署期限");
        // The state changes and the start of the audit trail on screen.
        await Summary(page, "状态变更").EvaluateAsync("s => s.scrollIntoView({ block: 'start' })");
        await desk.ScreenshotAsync("console-q8-record-in-chinese");
        await AssertNoEnglishRecordWordsAsync(page);

        // The case both applicants signed: the last signer named in Chinese; no extension offered any more.
        await page.GetByRole(AriaRole.Button, new() { Name = "← 返回案件队列" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "待审核签署（1）" }).ClickAsync();
        await page.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WX2" }).ClickAsync();
        await Assertions.Expect(page.Locator("#case-actions")).ToContainTextAsync("审核并签署");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "延长签署期限" })).ToHaveCountAsync(0);
        await Summary(page, "状态变更").ClickAsync();
        await Assertions.Expect(Section(page, "状态变更")).ToContainTextAsync("最后一位签署人：共同借款人");
        await Summary(page, "办理时间线").ClickAsync();
        await Summary(page, "审计记录").ClickAsync();
        await AssertNoEnglishRecordWordsAsync(page);
        desk.AssertNoProblems();

        // An administrator cancels the waiting case with a reason; the state change carries it as typed.
        await using var admin = await browser.Browser.DesktopAsync(service.BaseAddress);
        var adminPage = admin.Page;
        await adminPage.GotoAsync("console");
        await adminPage.GetByLabel("工号").FillAsync("admin-1");
        await adminPage.GetByLabel("中心代码").FillAsync(RunningService.CentreCode);
        await adminPage.GetByLabel("经办人（审核签署）").UncheckAsync();
        await adminPage.GetByLabel("管理员（撤销案件）").CheckAsync();
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "待借款人签署（1）" }).ClickAsync();
        await adminPage.Locator("#queue button", new() { HasText = "DYGJJ-JK-2026-WX1" }).ClickAsync();
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "撤销案件" }).ClickAsync();
        var cancel = adminPage.Locator("dialog");
        await cancel.GetByLabel("撤销原因（必填）").FillAsync("借款人撤回贷款申请");
        await cancel.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(adminPage.Locator("#detail-status")).ToHaveTextAsync("已撤销");
        await Summary(adminPage, "状态变更").ClickAsync();
        await Assertions.Expect(Section(adminPage, "状态变更")).ToContainTextAsync("借款人撤回贷款申请");
        Assert.Equal("Cancelled", (await service.GetAsync<JsonElement>($"api/v1/cases/{waitingId}", officer)).GetProperty("status").GetString());
        admin.AssertNoProblems();
    }

    private static ILocator Summary(IPage page, string text) => page.Locator("summary", new() { HasText = text });

    private static ILocator Section(IPage page, string summary) => page.Locator("details.more", new() { Has = Summary(page, summary) });

    /// <summary>What the officer reads (the disclosures' original records aside) holds none of the service's English record words.</summary>
    private static async Task AssertNoEnglishRecordWordsAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>(
            "() => { const c = document.getElementById('app').cloneNode(true); c.querySelectorAll('.timeline-raw').forEach(n => n.remove()); return c.innerText; }");
        foreach (var word in EnglishRecordWords) Assert.False(text.Contains(word, StringComparison.Ordinal), $"the console shows '{word}':\n{text}");
    }
}
