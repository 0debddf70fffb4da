using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.Verification;

namespace OneThing.SigningApi.Tests.Verification;

/// <summary>
/// <c>POST /api/v1/verify</c> is CPU- and memory-heavy: a caller gets a bounded number per window
/// (429), and the instance runs a bounded number at once with a bounded queue (503 when full).
/// </summary>
public sealed class VerifyLimitTests(VerifyLimitTests.Factory factory) : IClassFixture<VerifyLimitTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Signing:VerifyRequestsPerWindow"] = "2",
            ["OneThing:Signing:VerifyWindow"] = "01:00:00",
            ["OneThing:Signing:VerifyConcurrency"] = "1",
            ["OneThing:Signing:VerifyQueueLimit"] = "0",
        };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_caller_past_its_verification_allowance_gets_429_with_Retry_After_while_another_caller_is_served()
    {
        var bank = await _api.AsAsync("bank", subject: "bank-verify-flood");
        for (var i = 0; i < 2; i++) await ApiDriver.EnsureAsync(await bank.PostAsync("/api/v1/verify", Upload()), HttpStatusCode.OK);

        var refused = await bank.PostAsync("/api/v1/verify", Upload());
        await ApiDriver.ProblemAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        var other = await _api.AsAsync("bank", subject: "bank-verify-other");
        await ApiDriver.EnsureAsync(await other.PostAsync("/api/v1/verify", Upload()), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_verification_beyond_the_concurrency_cap_and_a_full_queue_gets_503_with_Retry_After()
    {
        using var held = factory.Services.GetRequiredService<ConcurrencyCaps>().Limiter(VerificationServiceCollectionExtensions.Cap).AttemptAcquire();
        Assert.True(held.IsAcquired);

        var bank = await _api.AsAsync("bank", subject: "bank-verify-busy");
        var response = await bank.PostAsync("/api/v1/verify", Upload());
        await ApiDriver.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_queued_verification_runs_when_the_running_one_finishes()
    {
        // Its own instance with a queue of one: the waiting request is served, not refused.
        using var queued = new QueueFactory();
        using var held = queued.Services.GetRequiredService<ConcurrencyCaps>().Limiter(VerificationServiceCollectionExtensions.Cap).AttemptAcquire();
        var bank = await new ApiDriver(queued).AsAsync("bank", subject: "bank-verify-queued");
        var waiting = bank.PostAsync("/api/v1/verify", Upload());
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the second verification waits in the queue while the first holds the only turn");
        held.Dispose();
        await ApiDriver.EnsureAsync(await waiting, HttpStatusCode.OK);
    }

    [Fact]
    public void Verification_limits_out_of_range_stop_start_up_with_the_setting_named()
    {
        var result = new VerificationOptionsValidator().Validate(null, new VerificationOptions { VerifyConcurrency = 0, VerifyQueueLimit = -1, VerifyRequestsPerWindow = 0 });
        Assert.True(result.Failed);
        foreach (var name in new[] { "VerifyConcurrency", "VerifyQueueLimit", "VerifyRequestsPerWindow" }) Assert.Contains(name, result.FailureMessage);
    }

    private sealed class QueueFactory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Signing:VerifyConcurrency"] = "1",
            ["OneThing:Signing:VerifyQueueLimit"] = "1",
        };
    }

    /// <summary>Not a signed PDF: the verifier reports it unreadable (200), which is all these limits need.</summary>
    private static MultipartFormDataContent Upload()
    {
        var file = new ByteArrayContent("%PDF-1.7\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "x.pdf" } };
    }
}
