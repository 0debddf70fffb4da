using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Text.RegularExpressions;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// Every attempt of this process to reach another machine, as the runtime itself reports it: HTTP
/// requests started (System.Net.Http), host names looked up (System.Net.NameResolution) and sockets
/// connected (System.Net.Sockets), whatever client or library made them. Loopback destinations — the
/// tests' own servers — are left out. An attempt counts even where the network refuses it, which on
/// these machines (no route out but the package registries) it does.
/// </summary>
public sealed partial class OutboundAttempts : EventListener
{
    // Initialised before the base constructor runs, which already reports the existing event sources.
    private readonly ConcurrentQueue<string> _attempts = new();

    public IReadOnlyList<string> Seen => [.. _attempts];

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name is "System.Net.Http" or "System.Net.NameResolution" or "System.Net.Sockets")
            EnableEvents(source, EventLevel.Informational);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        var payload = e.Payload ?? [];
        switch (e.EventSource.Name, e.EventName)
        {
            case ("System.Net.Http", "RequestStart") when payload.Count > 2 && !IsLoopbackName(payload[1] as string):
                _attempts.Enqueue($"HTTP request to {payload[0]}://{payload[1]}:{payload[2]}");
                break;
            case ("System.Net.NameResolution", "ResolutionStart") when payload.Count > 0 && !IsLoopbackName(payload[0] as string):
                _attempts.Enqueue($"name lookup of {payload[0]}");
                break;
            case ("System.Net.Sockets", "ConnectStart") when payload.Count > 0 && ConnectTarget(payload[0] as string) is { } target && !IPAddress.IsLoopback(target):
                _attempts.Enqueue($"socket connect to {target}");
                break;
        }
    }

    private static bool IsLoopbackName(string? host) =>
        host is null || host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));

    /// <summary>
    /// The IP address in a SocketAddress as the runtime prints it: family, size, then the bytes after
    /// the family — port, then the IPv4 address ("InterNetwork:16:{0,80,127,0,0,1,…}"), or flow
    /// information and the IPv6 address. Null for other families.
    /// </summary>
    internal static IPAddress? ConnectTarget(string? socketAddress)
    {
        if (socketAddress is null || SocketAddressPattern().Match(socketAddress) is not { Success: true } m) return null;
        var bytes = m.Groups[2].Value.Split(',').Select(byte.Parse).ToArray();
        var address = m.Groups[1].Value == "InterNetwork" ? new IPAddress(bytes[2..6]) : new IPAddress(bytes[6..22]);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    [GeneratedRegex(@"^(InterNetwork|InterNetworkV6):\d+:\{([\d,]+)\}$")]
    private static partial Regex SocketAddressPattern();
}
