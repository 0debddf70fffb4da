using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using OneThing.Storage.Catalog;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Tests.Catalog;
using OneThing.Storage.Tests.Support;

namespace OneThing.Storage.Tests.Configuration;

/// <summary>Storage composed into a host the way the SigningApi will: its own DbContext, the store, the catalog, the sweeper service.</summary>
public sealed class StorageCompositionTests
{
    [Fact]
    public async Task A_host_with_store_catalog_and_sweeper_commits_revisions_and_sweeps_orphans_in_the_background()
    {
        var folder = Directory.CreateTempSubdirectory("onething-host-").FullName;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DocumentStore:FileSystem:RootPath"] = Path.Combine(folder, "documents"),
            ["DocumentStore:Sweeper:GracePeriod"] = "01:00:00",
            ["DocumentStore:Sweeper:Interval"] = "00:10:00",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddDbContext<TestCatalogContext>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "catalog.db")};Pooling=False"));
        builder.Services.AddDocumentStore(builder.Configuration).AddDocumentCatalog<TestCatalogContext>();
        using var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<TestCatalogContext>().Database.EnsureCreatedAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.EnsureReadyAsync(CancellationToken.None);
        var orphan = Samples.NewKey();
        await store.PutAsync(orphan, Samples.Document("orphan"), Samples.Pdf, CancellationToken.None);
        var committed = Samples.NewKey();
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DocumentRepository>()
                .StoreAsync(committed, Samples.Document("committed"), Samples.Pdf, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));

        await host.StartAsync();
        // the sweeper service sweeps once at start, then every Interval
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await store.StatAsync(orphan, CancellationToken.None) is not null && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        await host.StopAsync();

        Assert.Null(await store.StatAsync(orphan, CancellationToken.None));
        Assert.NotNull(await store.StatAsync(committed, CancellationToken.None));
        Directory.Delete(folder, recursive: true);
    }
}
