using System.Net;
using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Hosting;

/// <summary>
/// <c>OneThing:Network</c>: the reverse proxies the service sits behind. Only a request whose peer is
/// one of them may name the client in <c>X-Forwarded-For</c>; anyone else could put any address there
/// and escape the per-client limits or write a false address into the timeline and evidence report.
/// </summary>
public sealed class NetworkOptions
{
    public const string SectionName = "OneThing:Network";

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>, <c>::1</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation (e.g. <c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may append to <c>X-Forwarded-For</c> (each must be known).</summary>
    public int ForwardLimit { get; set; } = 1;
}

public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions o)
    {
        var failures = new List<string>();
        failures.AddRange(o.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)).Select(p => $"KnownProxies: '{p}' is not an IP address"));
        failures.AddRange(o.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)).Select(n => $"KnownNetworks: '{n}' is not a CIDR network (e.g. 10.0.0.0/24)"));
        if (o.ForwardLimit is < 1 or > 10) failures.Add("ForwardLimit must be between 1 and 10");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
