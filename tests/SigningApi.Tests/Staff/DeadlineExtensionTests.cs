using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Staff;

/// <summary>
/// The loan officer extends a case's signing deadline while its applicants have not all signed: later than
/// the current deadline, at most 90 days after intake, with a reason that lands on the timeline and in the
/// audit trail; links cut short by the old deadline run on; every refusal is an RFC 9457 problem.
/// </summary>
public sealed class DeadlineExtensionTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_officer_extends_a_two_day_case_and_the_borrowers_link_runs_to_the_new_deadline_with_the_reason_audited()
    {
        var opened = await OpenAsync(signingDays: 2);
        var caseId = opened["id"]!.GetValue<string>();
        var link = await _api.LinkTokenAsync("13881012345", opened["applicationNumber"]!.GetValue<string>());
        var before = (await _api.Anonymous().GetFromJsonAsync<JsonObject>($"/api/v1/access/{link}"))!["signBy"]!.GetValue<DateTimeOffset>();
        var oldDeadline = opened["expiresAt"]!.GetValue<DateTimeOffset>();
        // The link was cut short by the two-day case (its own lifetime is 7 days).
        AssertSameTime(oldDeadline, before);

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var wanted = oldDeadline.AddDays(3);
        var response = await officer.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadline", new { expiresAt = wanted, reason = "借款人出差，申请延期" });
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        AssertSameTime(wanted, (await response.Content.ReadFromJsonAsync<JsonObject>())!["expiresAt"]!.GetValue<DateTimeOffset>());
        AssertSameTime(wanted, (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["expiresAt"]!.GetValue<DateTimeOffset>());
        var after = (await _api.Anonymous().GetFromJsonAsync<JsonObject>($"/api/v1/access/{link}"))!["signBy"]!.GetValue<DateTimeOffset>();
        AssertSameTime(wanted, after);

        var timeline = (await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        var entry = timeline.Single(t => t!["action"]!.GetValue<string>() == "deadline-extended")!;
        Assert.Equal(ApiDriver.OfficerId, entry["actor"]!.GetValue<string>());
        Assert.Contains("借款人出差，申请延期", entry["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var audit = await (await _api.AsAsync("auditor")).GetStringAsync($"/api/v1/cases/{caseId}/audit");
        Assert.Contains("deadline-extended", audit, StringComparison.Ordinal);
        Assert.Contains("借款人出差，申请延期", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_applicant_still_to_sign_is_told_the_new_deadline_by_SMS_in_Beijing_time_and_one_who_signed_is_not()
    {
        var opened = await OpenAsync(signingDays: 2);
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);

        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        // 17:30 UTC is the next day, 01:30, in Beijing.
        var old = opened["expiresAt"]!.GetValue<DateTimeOffset>();
        var wanted = new DateTimeOffset(old.UtcDateTime.Date.AddDays(3).AddHours(17).AddMinutes(30), TimeSpan.Zero);
        await ApiDriver.EnsureAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadline", new { expiresAt = wanted, reason = "共同借款人出差" }), HttpStatusCode.OK);

        var beijing = wanted.ToOffset(TimeSpan.FromHours(8));
        var expected = $"【公积金中心】您的住房公积金贷款合同（{application}）签署期限已延长至{beijing:yyyy年M月d日} 01:30（北京时间），请在此之前使用已收到的签署链接完成签署。";
        Assert.Equal([expected], await DeadlineNoticesAsync("13990267788", application));
        // The borrower has signed: nothing more to do, nothing sent.
        Assert.Empty(await DeadlineNoticesAsync("13881012345", application));

        var timeline = (await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline"))!;
        var notified = timeline.Single(t => t!["action"]!.GetValue<string>() == "applicants-notified")!;
        Assert.Equal("deadline: CoBorrower1 → 139****7788", notified["detail"]!.GetValue<string>());
        // What the console shows: the server's Chinese beside the recorded line.
        Assert.Equal("签署期限已延长，短信通知共同借款人（139****7788）", notified["detailText"]!.GetValue<string>());
        var extended = timeline.Single(t => t!["action"]!.GetValue<string>() == "deadline-extended")!;
        Assert.EndsWith($"延长至 {beijing:yyyy年M月d日} 01:30（北京时间），原因：共同借款人出差", extended["detailText"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_sequential_case_only_the_signer_whose_turn_it_is_is_told_the_new_deadline()
    {
        var opened = await OpenAsync(signingDays: 2, order: "sequential");
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var wanted = opened["expiresAt"]!.GetValue<DateTimeOffset>().AddDays(1);
        await ApiDriver.EnsureAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadline", new { expiresAt = wanted, reason = "借款人出差" }), HttpStatusCode.OK);

        Assert.Single(await DeadlineNoticesAsync("13881012345", application));
        // The co-borrower has no link yet; their invitation, when the borrower has signed, names the deadline of that day.
        Assert.DoesNotContain(await _api.SmsAsync("13990267788"), m => m["text"]!.GetValue<string>().Contains(application, StringComparison.Ordinal));
    }

    private async Task<List<string>> DeadlineNoticesAsync(string phone, string application) =>
        [.. (await _api.SmsAsync(phone)).Select(m => m["text"]!.GetValue<string>())
            .Where(t => t.Contains(application, StringComparison.Ordinal) && t.Contains("签署期限已延长", StringComparison.Ordinal))];

    [Fact]
    public async Task Earlier_or_too_late_deadlines_a_missing_reason_other_centres_and_ended_cases_are_refused()
    {
        var opened = await OpenAsync(signingDays: 14);
        var caseId = opened["id"]!.GetValue<string>();
        var created = opened["createdAt"]!.GetValue<DateTimeOffset>();
        var deadline = opened["expiresAt"]!.GetValue<DateTimeOffset>();
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        var path = $"/api/v1/cases/{caseId}/deadline";

        var earlier = await ApiDriver.ProblemAsync(await officer.PostAsJsonAsync(path, new { expiresAt = deadline.AddHours(-1), reason = "x" }), HttpStatusCode.BadRequest);
        Assert.NotNull(earlier["errors"]!["expiresAt"]);
        var tooLate = await ApiDriver.ProblemAsync(await officer.PostAsJsonAsync(path, new { expiresAt = created.AddDays(90).AddMinutes(1), reason = "x" }), HttpStatusCode.BadRequest);
        Assert.NotNull(tooLate["errors"]!["expiresAt"]);
        var noReason = await ApiDriver.ProblemAsync(await officer.PostAsJsonAsync(path, new { expiresAt = deadline.AddDays(1), reason = " " }), HttpStatusCode.BadRequest);
        Assert.NotNull(noReason["errors"]!["reason"]);
        // Up to the 90th day is allowed (a millisecond short of it: the stored intake time is a little coarser than the answer's).
        await ApiDriver.EnsureAsync(await officer.PostAsJsonAsync(path, new { expiresAt = created.AddDays(90).AddMilliseconds(-1), reason = "最长期限" }), HttpStatusCode.OK);

        // Another centre's officer does not even see the case; a seal officer may not extend.
        var stranger = await _api.AsAsync("loan-officer", "XX-0001", centre: "99999999999999999X");
        await ApiDriver.ProblemAsync(await stranger.PostAsJsonAsync(path, new { expiresAt = deadline.AddDays(2), reason = "x" }), HttpStatusCode.NotFound);
        await ApiDriver.ProblemAsync(await (await _api.AsAsync("seal-officer")).PostAsJsonAsync(path, new { expiresAt = deadline.AddDays(2), reason = "x" }), HttpStatusCode.Forbidden);

        // A period that has ended is not reopened (the sweep may already have marked it Expired).
        var ended = await OpenAsync(signingDays: 14);
        var endedId = Guid.Parse(ended["id"]!.GetValue<string>());
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var stored = await db.Cases.SingleAsync(c => c.Id == endedId);
            stored.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            stored.Version = Guid.NewGuid();
            await db.SaveChangesAsync();
        }
        var late = await ApiDriver.ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{endedId}/deadline", new { expiresAt = DateTimeOffset.UtcNow.AddDays(3), reason = "x" }), HttpStatusCode.Conflict);
        Assert.Contains(late["code"]!.GetValue<string>(), new[] { "signing-period-ended", "not-awaiting-signatures" });

        // A cancelled case has no deadline left to move.
        var cancelled = await OpenAsync(signingDays: 14);
        var cancelledId = cancelled["id"]!.GetValue<string>();
        await ApiDriver.EnsureAsync(await (await _api.AsAsync("admin")).PostAsJsonAsync($"/api/v1/cases/{cancelledId}/cancel", new { reason = "申请撤回" }), HttpStatusCode.OK);
        await ApiDriver.ProblemAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{cancelledId}/deadline",
            new { expiresAt = cancelled["expiresAt"]!.GetValue<DateTimeOffset>().AddDays(1), reason = "x" }), HttpStatusCode.Conflict, "not-awaiting-signatures");
    }

    /// <summary>The database keeps times to a fraction of a millisecond; intake's answer carries the clock's full precision.</summary>
    private static void AssertSameTime(DateTimeOffset expected, DateTimeOffset actual) =>
        Assert.True((expected - actual).Duration() < TimeSpan.FromMilliseconds(1), $"expected {expected:O}, got {actual:O}");

    private async Task<JsonObject> OpenAsync(int signingDays, string order = "parallel")
    {
        var approval = await _api.AsAsync("approval-system");
        var response = await approval.PostAsJsonAsync("/api/v1/cases",
            new { @case = ApiDriver.SampleCase(), bankCode = ApiDriver.BankCode, signingOrder = order, signingDays });
        await ApiDriver.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
