using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OneThing.Storage.Catalog;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.FileSystem;
using OneThing.Storage.Sweeping;
using OneThing.Storage.Tests.FileSystem;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.Sweeping;

/// <summary>The sweeper as the host runs it: a failing sweep is logged and retried on the next tick, never ends the service.</summary>
public sealed class DocumentSweeperServiceTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);
    private readonly string _folder = Directory.CreateTempSubdirectory("onething-sweeper-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_sweep_whose_database_fails_is_logged_and_the_next_tick_sweeps_again()
    {
        var store = FileSystemDocumentStoreTests.Create(Path.Combine(_folder, "documents"), new ListLogger<FileSystemDocumentStore>());
        await store.EnsureReadyAsync(CancellationToken.None);
        await store.PutAsync(new DocumentKey("centre", "case", "doc", 1), "%PDF-1.7 orphan"u8.ToArray(), "application/pdf", CancellationToken.None);
        var catalog = new FailingCatalog();
        var log = new ListLogger<DocumentSweeperService>();
        await using var services = new ServiceCollection()
            .AddScoped(_ => new DocumentSweeper(store, catalog, new DocumentSweeperOptions { GracePeriod = TimeSpan.FromHours(1) }, _time, new ListLogger<DocumentSweeper>()))
            .BuildServiceProvider();
        var options = Options.Create(new DocumentStoreOptions { Sweeper = new DocumentSweeperOptions { Interval = Interval } });
        using var service = new DocumentSweeperService(services.GetRequiredService<IServiceScopeFactory>(), options, _time, log);

        await service.StartAsync(CancellationToken.None);
        await catalog.WaitForCallsAsync(1);
        _time.Advance(Interval);
        await catalog.WaitForCallsAsync(2);

        Assert.False(service.ExecuteTask!.IsCompleted, "the sweeper service ended after a failed sweep");
        Assert.Contains(log.Entries, e => e.Message.Contains("Document sweep failed", StringComparison.Ordinal));
        await service.StopAsync(CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A catalog whose database is away (a failover mid-sweep).</summary>
    private sealed class FailingCatalog : IDocumentCatalog
    {
        private int _calls;

        public async Task WaitForCallsAsync(int count)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (Volatile.Read(ref _calls) < count)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"the sweeper asked the catalog {_calls} time(s), expected {count}");
                await Task.Delay(20);
            }
        }

        public Task<IReadOnlySet<string>> CommittedObjectKeysAsync(IReadOnlyCollection<string> objectKeys, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("the database is restarting");
        }

        public Task<StoredRevisionRecord?> FindAsync(DocumentKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> LatestRevisionAsync(string centreId, string caseId, string documentId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AddAsync(StoredRevisionRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
