namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// A named time-limited claim on a periodic job (a sweep) shared by all instances: whoever holds an
/// unexpired lease runs the job; a dead holder's lease simply runs out.
/// </summary>
public sealed class ServiceLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
