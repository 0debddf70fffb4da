using Microsoft.AspNetCore.HttpOverrides;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Hosting;

/// <summary>
/// The client address behind a reverse proxy: ASP.NET Core's forwarded-headers step, trusting
/// exactly the configured proxies (its built-in loopback defaults removed) and taking only
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. The Host header is never taken from a
/// proxy or used for links: those are built from <c>OneThing:PublicBaseUrl</c>.
/// </summary>
public static class ForwardedClientAddress
{
    public static IServiceCollection AddForwardedClientAddress(this IServiceCollection services, IConfiguration configuration)
    {
        var network = services.AddValidatedOptions<NetworkOptions, NetworkOptionsValidator>(configuration, NetworkOptions.SectionName);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = network.ForwardLimit;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in network.KnownProxies) o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            foreach (var net in network.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(net));
        });
        return services;
    }

    /// <summary>First in the pipeline: everything after it (limits, timeline, audit) sees the real client.</summary>
    public static WebApplication UseForwardedClientAddress(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
