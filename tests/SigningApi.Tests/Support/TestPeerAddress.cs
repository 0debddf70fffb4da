using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// The in-memory test server has no socket, so no peer address. This startup filter runs before the
/// service's pipeline and gives each request the peer address a test names in <see cref="Header"/>,
/// as a TCP connection from that address would.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer)) context.Connection.RemoteIpAddress = peer;
            context.Request.Headers.Remove(Header);
            await following(context);
        });
        next(app);
    };

    /// <summary>A client whose requests arrive from <paramref name="peer"/>.</summary>
    public static HttpClient From(HttpClient client, string peer)
    {
        client.DefaultRequestHeaders.Add(Header, peer);
        return client;
    }
}
