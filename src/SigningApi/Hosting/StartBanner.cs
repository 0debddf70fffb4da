using OneThing.SigningApi.Core.Configuration;
namespace OneThing.SigningApi.Hosting;

/// <summary>Logs, once at start, every component running on an embedded default so nobody mistakes a dev setup for production.</summary>
internal sealed class StartBanner(IEnumerable<EmbeddedDefault> defaults, ILogger<StartBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var list = defaults.ToList();
        if (list.Count == 0)
        {
            logger.LogInformation("OneThing SigningApi: production configuration, no embedded defaults");
            return Task.CompletedTask;
        }
        logger.LogWarning(
            "OneThing SigningApi: {Count} embedded default(s) in use (not for production):{Lines}",
            list.Count,
            string.Concat(list.Select(d => $"{Environment.NewLine}  embedded default: {d.Component} — {d.Description}")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
