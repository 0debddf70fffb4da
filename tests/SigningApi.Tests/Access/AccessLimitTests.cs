using System.Net;
using System.Net.Http.Json;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Access;

/// <summary>
/// Limits that hold per link across resends: the per-code lock alone resets with each new code, so without
/// them anyone holding the link and the party's name and ID number could keep guessing SMS codes.
/// </summary>
public sealed class AccessLimitTests(AccessLimitTests.Factory factory) : IClassFixture<AccessLimitTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Access:CodeResendCooldown"] = "00:00:00",
            ["OneThing:Access:MaxCodeAttempts"] = "5",
            ["OneThing:Access:MaxCodeFailuresPerLink"] = "10",
            ["OneThing:Access:MaxCodesPerLink"] = "3",
        };
    }

    private readonly ApiDriver _api = new(factory);
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";

    [Fact]
    public async Task Wrong_codes_count_across_resends_and_lock_the_link_so_even_the_right_code_is_refused()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);

        // Round 1: five wrong codes use up this code; the link allows ten in all.
        var code = await _api.LatestCodeAsync(BorrowerPhone);
        for (var i = 1; i <= 5; i++)
        {
            var problem = await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = Wrong(code, i) }), HttpStatusCode.Forbidden, "code-mismatch");
            Assert.Equal(5 - i, problem["attemptsRemaining"]!.GetValue<int>());
        }
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = Wrong(code, 6) }), HttpStatusCode.Locked, "code-locked");

        // Round 2: a new code resets the per-code count but not the link's: the fifth wrong code here is the tenth.
        await ApiDriver.EnsureAsync(await client.PostAsync($"/api/v1/access/{link}/code/resend", null), HttpStatusCode.OK);
        code = await _api.LatestCodeAsync(BorrowerPhone);
        for (var i = 1; i <= 4; i++)
        {
            var problem = await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = Wrong(code, i) }), HttpStatusCode.Forbidden, "code-mismatch");
            Assert.Equal(5 - i, problem["attemptsRemaining"]!.GetValue<int>());
        }
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code = Wrong(code, 5) }), HttpStatusCode.Locked, "link-locked");

        // Locked means locked: the right code no longer opens it, and no further code is sent.
        await ApiDriver.ProblemAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.Locked, "link-locked");
        await ApiDriver.ProblemAsync(await client.PostAsync($"/api/v1/access/{link}/code/resend", null), HttpStatusCode.Locked, "link-locked");
        Assert.Equal(code, await _api.LatestCodeAsync(BorrowerPhone));
    }

    [Fact]
    public async Task A_link_sends_at_most_the_configured_number_of_codes_and_the_last_one_still_works()
    {
        var opened = await _api.OpenCaseAsync();
        var link = await _api.LinkTokenAsync(BorrowerPhone, opened["applicationNumber"]!.GetValue<string>());
        var client = _api.Anonymous();
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/identity", new { name = BorrowerName, idNumber = BorrowerId }), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await client.PostAsync($"/api/v1/access/{link}/code/resend", null), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await client.PostAsync($"/api/v1/access/{link}/code/resend", null), HttpStatusCode.OK);
        var code = await _api.LatestCodeAsync(BorrowerPhone);

        await ApiDriver.ProblemAsync(await client.PostAsync($"/api/v1/access/{link}/code/resend", null), HttpStatusCode.Locked, "code-send-limit");
        Assert.Equal(code, await _api.LatestCodeAsync(BorrowerPhone));
        await ApiDriver.EnsureAsync(await client.PostAsJsonAsync($"/api/v1/access/{link}/code", new { code }), HttpStatusCode.OK);
    }

    [Fact]
    public void The_per_link_limits_are_checked_at_start_up()
    {
        var failures = string.Join(";", new ApplicantAccessOptionsValidator().Validate(null, new ApplicantAccessOptions { MaxCodeFailuresPerLink = 0, MaxCodesPerLink = 0 }).Failures!);
        Assert.Contains("MaxCodeFailuresPerLink", failures);
        Assert.Contains("MaxCodesPerLink", failures);
    }

    /// <summary>A six-digit code that is certainly not <paramref name="code"/>.</summary>
    private static string Wrong(string code, int n)
    {
        var guess = n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        return guess == code ? "999999" : guess;
    }
}
