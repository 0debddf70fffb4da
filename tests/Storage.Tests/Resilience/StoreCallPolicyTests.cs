using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OneThing.Storage.Configuration;
using OneThing.Storage.Errors;
using OneThing.Storage.Resilience;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.Resilience;

public sealed class StoreCallPolicyTests
{
    private readonly ListLogger<StoreCallPolicyTests> _log = new();

    private StoreCallPolicy Policy(int maxRetries = 3, double budgetSeconds = 3) => new(new StoreResilienceOptions
    {
        AttemptTimeout = TimeSpan.FromMilliseconds(500),
        TotalBudget = TimeSpan.FromSeconds(budgetSeconds),
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(50),
        RetryAfter = TimeSpan.FromSeconds(20),
    }, e => e is HttpRequestException, "test", _log);

    [Fact]
    public async Task A_transient_failure_is_retried_with_back_off_and_the_call_succeeds()
    {
        var attempts = 0;

        var result = await Policy().ExecuteAsync("flaky", _ =>
            ++attempts < 3 ? throw new HttpRequestException("connection reset") : Task.FromResult("stored"), CancellationToken.None);

        Assert.Equal("stored", result);
        Assert.Equal(3, attempts);
        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failure_that_will_not_get_better_is_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Policy().ExecuteAsync<int>("bad request", _ =>
        {
            attempts++;
            throw new InvalidOperationException("access denied");
        }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Hanging_attempts_are_cut_off_and_the_budget_ends_in_a_typed_unavailable()
    {
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        // A 3 s budget over 500 ms attempts: a first attempt cut off even 2 s late on a loaded machine still
        // leaves room for a second (with 1.5 s, a late timer once let the first attempt use it all).
        var error = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(() => Policy(maxRetries: 10, budgetSeconds: 3)
            .ExecuteAsync("hang", async token =>
            {
                Interlocked.Increment(ref attempts);
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            }, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.9), TimeSpan.FromSeconds(8));
        // Each attempt is cut off at 500 ms and the back-off (50 ms, doubling, jittered) comes on top: at most six fit.
        Assert.InRange(attempts, 2, 6);
        Assert.Equal(TimeSpan.FromSeconds(20), error.RetryAfter);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_retries_run_out_the_last_cause_is_kept()
    {
        var error = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(() => Policy(maxRetries: 2).ExecuteAsync<int>("down",
            _ => throw new HttpRequestException("connection refused"), CancellationToken.None));

        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_timeout_the_caller_did_not_ask_for_is_unavailable_not_a_crash()
    {
        // HttpClient reports its own timeout as a TaskCanceledException; the caller's token is untouched
        var error = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(() => Policy(maxRetries: 0).ExecuteAsync<int>("slow",
            _ => throw new TaskCanceledException("A task was canceled."), CancellationToken.None));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_passed_through()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Policy().ExecuteAsync<int>("cancelled",
            async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            }, cancelled.Token));
    }
}
