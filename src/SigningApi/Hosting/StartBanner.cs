using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
namespace OneThing.SigningApi.Hosting;

/// <summary>
/// Logs, once at start, every component running on an embedded default so nobody mistakes a dev
/// setup for production; and, once the server listens, where it listens and the pages to open at
/// the public base URL — the address every SMS link and certificate points at — with a warning when
/// that address is not one the service listens on (a new user's first link would not open).
/// </summary>
internal sealed class StartBanner(
    IEnumerable<EmbeddedDefault> defaults, IServer server, IHostApplicationLifetime lifetime, IOptions<OneThingOptions> options, ILogger<StartBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var list = defaults.ToList();
        if (list.Count == 0)
        {
            logger.LogInformation("OneThing SigningApi: production configuration, no embedded defaults");
        }
        else
        {
            logger.LogWarning(
                "OneThing SigningApi: {Count} embedded default(s) in use (not for production):{Lines}",
                list.Count,
                string.Concat(list.Select(d => $"{Environment.NewLine}  embedded default: {d.Component} — {d.Description}")));
        }
        lifetime.ApplicationStarted.Register(AnnounceAddresses);
        return Task.CompletedTask;
    }

    private void AnnounceAddresses()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        logger.LogInformation(
            "OneThing SigningApi listening on {Addresses}; open {BaseUrl}/console (staff console), {BaseUrl}/verify (verification), {BaseUrl}/api-docs (API), and the {BaseUrl}/sign/… link each signer gets by SMS",
            listening.Count == 0 ? "(no network address)" : string.Join(", ", listening), baseUrl, baseUrl, baseUrl, baseUrl);
        if (listening.Count > 0 && !listening.Any(a => SameOrigin(a, baseUrl)))
        {
            logger.LogWarning(
                "OneThing:PublicBaseUrl {BaseUrl} is not an address the service listens on ({Addresses}); links sent to signers open only if a proxy forwards it here",
                baseUrl, string.Join(", ", listening));
        }
    }

    private static bool SameOrigin(string listening, string baseUrl) =>
        Uri.TryCreate(listening, UriKind.Absolute, out var a) && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b)
        && a.Scheme == b.Scheme && a.Port == b.Port && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
