namespace OneThing.SigningApi.Core.Coordination;

/// <summary>One partition's (policy + client) current fixed window, counted in the shared database so the limit holds across instances.</summary>
public sealed class RateLimitWindow
{
    public required string Partition { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public int Count { get; set; }
}
