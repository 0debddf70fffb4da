namespace OneThing.SigningApi.Core.Coordination;

/// <summary>This process among the instances sharing one database: the name its leases and claims are held under.</summary>
public sealed class ServiceInstance
{
    public string Id { get; } = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 128);

    private static string Truncate(string s, int max) => s.Length > max ? s[^max..] : s;
}
