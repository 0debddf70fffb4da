using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>
/// A sequential case as its applicants live it. The co-borrower is sent no link until the borrower has
/// signed; one opened early (the officer sent it) says at once, before identity, to wait for the
/// borrower. After signing, each applicant sees plain next steps — who signs next and by when, the
/// centre's seal, the mortgage registration, the bank's disbursement — instead of a log, and is told by
/// SMS when the case is sealed and when the loan is disbursed. Borrower on a phone (390×844),
/// co-borrower at a desk (1366×768).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SequentialTurnTests(BrowserFixture browser)
{
    private const string BorrowerPhone = "13881012345";
    private const string CoBorrowerPhone = "13990267788";

    [Fact]
    public async Task The_co_borrower_waits_for_their_turn_and_both_applicants_follow_the_case_to_disbursement()
    {
        await using var service = RunningService.Start();
        var opened = await service.OpenCaseAsync("S1", signingOrder: "Sequential");
        var caseId = opened.GetProperty("id").GetString()!;
        var coBorrowerId = opened.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("fieldName").GetString() == "CoBorrower1").GetProperty("id").GetString()!;
        Assert.Empty(await service.SmsSentToAsync(CoBorrowerPhone));

        // The officer sends the co-borrower a link early: it says at once whom to wait for, and asks for nothing.
        await service.PostAsync($"api/v1/cases/{caseId}/parties/{coBorrowerId}/invitation", await service.TokenAsync("DY-0001", ["loan-officer"], RunningService.CentreCode), null);
        await using var early = await browser.Browser.PhoneAsync(service.BaseAddress);
        await early.Page.GotoAsync(await service.LinkSentToAsync(CoBorrowerPhone));
        await early.Page.GetByRole(AriaRole.Heading, new() { Name = "请等待前一位签署人" }).WaitForAsync();
        await Assertions.Expect(early.Page.Locator("main")).ToContainTextAsync("需等待借款人签署完成后");
        await Assertions.Expect(early.Page.GetByLabel("姓名")).ToHaveCountAsync(0);
        await early.ScreenshotAsync("phone-seq-01-wait-for-borrower");

        // The borrower signs on a phone (the reading was done earlier on this link) and sees who is next.
        await service.PrepareToSignThroughApiAsync(caseId, "王建国", "510603198804123574", BorrowerPhone);
        await using var phone = await browser.Browser.PhoneAsync(service.BaseAddress);
        var borrower = new ApplicantSteps(phone, service, "王建国", "510603198804123574", BorrowerPhone);
        await borrower.OpenLinkAsync();
        await borrower.VerifyIdentityAsync();
        await borrower.EnterCodeAsync();
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "使用上次保存的手写签名签署" }).ClickAsync();
        await phone.Page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
        var steps = phone.Page.Locator("#next-steps li");
        await Assertions.Expect(steps).ToHaveCountAsync(5);
        await Assertions.Expect(steps.Nth(0)).ToContainTextAsync("✔ 已完成借款人 王建国（您）签署");
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("▶ 正在进行共同借款人 李秀兰签署签署链接已通过短信发给共同借款人，须在");
        await Assertions.Expect(steps.Nth(2)).ToContainTextAsync("○ 尚未开始德阳市住房公积金管理中心审核并加盖电子印章");
        await Assertions.Expect(steps.Nth(4)).ToContainTextAsync("中国建设银行股份有限公司德阳旌阳支行发放贷款");
        // The log is one click away, not the page.
        Assert.False(await phone.Page.Locator("#case-record").GetAttributeAsync("open") is not null);
        await phone.ScreenshotAsync("phone-seq-02-next-steps");

        // Now it is the co-borrower's turn: the SMS comes now, naming the deadline, and the early page lets them in.
        var turn = (await service.SmsSentToAsync(CoBorrowerPhone)).First();
        Assert.Matches(new Regex(@"^【公积金中心】.*请于\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（北京时间）前.*/sign/"), turn);
        await early.Page.GetByRole(AriaRole.Button, new() { Name = "刷新状态" }).ClickAsync();
        await early.Page.GetByRole(AriaRole.Heading, new() { Name = "住房公积金贷款合同待您签署" }).WaitForAsync();

        // The co-borrower signs at a desk with the link of their turn.
        await service.PrepareToSignThroughApiAsync(caseId, "李秀兰", "510603199007232844", CoBorrowerPhone);
        await using (var desk = await browser.Browser.DesktopAsync(service.BaseAddress))
        {
            var coBorrower = new ApplicantSteps(desk, service, "李秀兰", "510603199007232844", CoBorrowerPhone);
            await coBorrower.OpenLinkAsync();
            await coBorrower.VerifyIdentityAsync();
            await coBorrower.EnterCodeAsync();
            await desk.Page.GetByRole(AriaRole.Button, new() { Name = "使用上次保存的手写签名签署" }).ClickAsync();
            await desk.Page.GetByRole(AriaRole.Heading, new() { Name = "签署成功！" }).WaitForAsync();
            var deskSteps = desk.Page.Locator("#next-steps li");
            await Assertions.Expect(deskSteps.Nth(1)).ToContainTextAsync("✔ 已完成共同借款人 李秀兰（您）签署");
            await Assertions.Expect(deskSteps.Nth(2)).ToContainTextAsync("▶ 正在进行德阳市住房公积金管理中心审核并加盖电子印章");
            await Assertions.Expect(deskSteps.Nth(2)).ToContainTextAsync("完成后短信通知您");
            await desk.ScreenshotAsync("desktop-seq-03-next-steps");
            desk.AssertNoProblems();
        }

        // The centre countersigns and seals; registry and bank (simulated) follow within seconds. Each applicant
        // is told twice by SMS: sealed, then disbursed.
        await service.CountersignAndSealAsync(caseId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        IReadOnlyList<string> notices = [];
        while (DateTime.UtcNow < deadline)
        {
            notices = [.. (await service.SmsSentToAsync(BorrowerPhone)).Where(t => t.Contains("DYGJJ-2026-WS1", StringComparison.Ordinal) && !t.Contains("/sign/", StringComparison.Ordinal))];
            if (notices.Count == 2) break;
            await Task.Delay(250);
        }
        Assert.Equal(2, notices.Count);
        Assert.Contains("已加盖公积金中心电子印章", notices[1], StringComparison.Ordinal);
        Assert.Contains("600,000.00元已由中国建设银行股份有限公司德阳旌阳支行于", notices[0], StringComparison.Ordinal);
        Assert.Equal(2, (await service.SmsSentToAsync(CoBorrowerPhone)).Count(t => t.Contains("DYGJJ-2026-WS1", StringComparison.Ordinal) && !t.Contains("/sign/", StringComparison.Ordinal)));

        // The borrower's page, refreshed, shows every step done with its time, and what to do now: repay.
        await phone.Page.GetByRole(AriaRole.Button, new() { Name = "刷新进度" }).ClickAsync();
        await Assertions.Expect(steps.Nth(4)).ToContainTextAsync("✔ 已完成", new() { Timeout = 30_000 });
        await Assertions.Expect(steps.Nth(4)).ToContainTextAsync("首次还款日 2026-04-20");
        await Assertions.Expect(phone.Page.Locator("#next-steps li.is-done")).ToHaveCountAsync(5);
        await steps.Nth(4).ScrollIntoViewIfNeededAsync();
        await phone.ScreenshotAsync("phone-seq-04-loan-disbursed");
        phone.AssertNoProblems();
        early.AssertNoProblems();
    }
}
