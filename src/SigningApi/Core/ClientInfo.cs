
namespace OneThing.SigningApi.Core;

/// <summary>Where a request came from, for the timeline's evidence.</summary>
public sealed record ClientInfo(string? Address, string? UserAgent)
{
    public static ClientInfo From(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return new ClientInfo(context.Connection.RemoteIpAddress?.ToString(), agent.Length > 256 ? agent[..256] : agent.Length == 0 ? null : agent);
    }
}
