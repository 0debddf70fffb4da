using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneThing.Storage.Configuration;
using OneThing.Storage.Errors;

namespace OneThing.Storage.Sweeping;

/// <summary>Runs <see cref="DocumentSweeper.SweepAsync"/> every Sweeper:Interval, in its own DI scope (the catalog is scoped).</summary>
public sealed class DocumentSweeperService(IServiceScopeFactory scopes, IOptions<DocumentStoreOptions> options, TimeProvider time,
    ILogger<DocumentSweeperService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeper = options.Value.Sweeper;
        if (!sweeper.Enabled) return;
        using var timer = new PeriodicTimer(sweeper.Interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DocumentSweeper>().SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DocumentStoreUnavailableException e)
            {
                logger.LogWarning("Document sweep skipped: {Error}", e.Message);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
