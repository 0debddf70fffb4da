namespace OneThing.Storage.Sweeping;

/// <summary>
/// Whose turn it is to sweep, where several instances share one store and catalog: the host provides
/// it (a lease in its database). Sweeping on every instance is safe (the grace period protects
/// uncommitted writes), only wasteful; this keeps it to one.
/// </summary>
public interface ISweepTurns
{
    /// <summary>True when this instance may sweep now; the turn lasts <paramref name="turn"/>.</summary>
    Task<bool> TryTakeAsync(string name, TimeSpan turn, CancellationToken cancellationToken);
}
