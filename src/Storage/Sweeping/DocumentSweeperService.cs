using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneThing.Storage.Configuration;
using OneThing.Storage.Errors;

namespace OneThing.Storage.Sweeping;

/// <summary>
/// Runs <see cref="DocumentSweeper.SweepAsync"/> every Sweeper:Interval, in its own DI scope (the catalog
/// is scoped). A failed sweep is logged and the next one runs on time. Where several instances share
/// the store, an <see cref="ISweepTurns"/> in the container lets one of them sweep each round.
/// </summary>
public sealed class DocumentSweeperService(IServiceScopeFactory scopes, IOptions<DocumentStoreOptions> options, TimeProvider time,
    ILogger<DocumentSweeperService> logger) : BackgroundService
{
    public const string TurnName = "document-sweep";

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
                var turns = scope.ServiceProvider.GetService<ISweepTurns>();
                if (turns is null || await turns.TryTakeAsync(TurnName, sweeper.Interval, stoppingToken).ConfigureAwait(false))
                    await scope.ServiceProvider.GetRequiredService<DocumentSweeper>().SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (DocumentStoreUnavailableException e)
            {
                logger.LogWarning("Document sweep skipped: {Error}", e.Message);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A background service that throws stops the whole host: a database failover or an
                // unreadable folder must cost one sweep, not the signing service.
                logger.LogError(e, "Document sweep failed; the next one runs in {Interval}", sweeper.Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
