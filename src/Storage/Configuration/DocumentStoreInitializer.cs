using Microsoft.Extensions.Hosting;
using OneThing.Storage.Documents;

namespace OneThing.Storage.Configuration;

/// <summary>Creates and checks the bucket or folder when the host starts: a store that cannot work stops start-up.</summary>
public sealed class DocumentStoreInitializer(IDocumentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.EnsureReadyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
