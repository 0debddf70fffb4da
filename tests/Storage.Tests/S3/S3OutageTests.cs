using System.Diagnostics;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;
using OneThing.Storage.S3;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.S3;

/// <summary>The store going away mid-run, or hanging: callers get a fast typed error, and nothing is lost.</summary>
public sealed class S3OutageTests
{
    private static readonly StoreResilienceOptions Fast = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(1),
        TotalBudget = TimeSpan.FromSeconds(3),
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        RetryAfter = TimeSpan.FromSeconds(15),
    };

    [Fact]
    public async Task A_server_stopped_mid_run_fails_fast_with_retry_after_then_recovers_with_nothing_lost()
    {
        await using var server = new PrivateS3Server();
        await server.StartAsync();
        var log = new ListLogger<S3DocumentStore>();
        var store = S3DocumentStoreTests.Create(LocalS3.Options("onething-outage", server.Endpoint), log, Fast);
        await store.EnsureReadyAsync(CancellationToken.None);
        var before = Enumerable.Range(1, 3).Select(i => (Key: Samples.NewKey(), Bytes: Samples.Document("before " + i, 64 * 1024))).ToList();
        foreach (var (key, bytes) in before) await store.PutAsync(key, bytes, Samples.Pdf, CancellationToken.None);
        var during = Samples.NewKey();

        await server.StopAsync();
        var clock = Stopwatch.StartNew();
        var putError = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(
            () => store.PutAsync(during, Samples.Document("during"), Samples.Pdf, CancellationToken.None));
        var putElapsed = clock.Elapsed;
        var getError = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(
            () => store.GetAsync(before[0].Key, null, CancellationToken.None));

        Assert.True(putElapsed < TimeSpan.FromSeconds(5), $"failing took {putElapsed}");
        Assert.Equal(TimeSpan.FromSeconds(15), putError.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(15), getError.RetryAfter);
        Assert.Contains("unavailable", putError.Message, StringComparison.Ordinal);
        Assert.True(log.Contains(Microsoft.Extensions.Logging.LogLevel.Error, "unavailable"));

        await server.StartAsync();
        foreach (var (key, bytes) in before)
            Assert.Equal(bytes, (await store.GetAsync(key, ContentHash.Sha256Hex(bytes), CancellationToken.None)).Content.ToArray());
        Assert.Null(await store.StatAsync(during, CancellationToken.None));
        var after = Samples.Document("after");
        await store.PutAsync(during, after, Samples.Pdf, CancellationToken.None);
        Assert.Equal(after, (await store.GetAsync(during, null, CancellationToken.None)).Content.ToArray());
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_fails_within_the_time_budget()
    {
        using var blackHole = new BlackHoleServer();
        var store = S3DocumentStoreTests.Create(LocalS3.Options("onething-slow", blackHole.Endpoint), new ListLogger<S3DocumentStore>(), Fast);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DocumentStoreUnavailableException>(
            () => store.PutAsync(Samples.NewKey(), Samples.Document("slow"), Samples.Pdf, CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4.5));
        Assert.Equal(TimeSpan.FromSeconds(15), error.RetryAfter);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_reported_as_an_outage()
    {
        using var blackHole = new BlackHoleServer();
        var store = S3DocumentStoreTests.Create(LocalS3.Options("onething-slow", blackHole.Endpoint), new ListLogger<S3DocumentStore>(), Fast);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.GetAsync(Samples.NewKey(), null, cancel.Token));
    }
}
