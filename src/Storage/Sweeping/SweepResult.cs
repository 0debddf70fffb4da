namespace OneThing.Storage.Sweeping;

/// <param name="Examined">Objects listed in the store.</param>
/// <param name="TooYoung">Orphans left alone because they are within the grace period.</param>
/// <param name="Removed">Orphans deleted.</param>
/// <param name="Failed">Orphans whose deletion failed (e.g. still under object-lock retention); retried next sweep.</param>
public sealed record SweepResult(int Examined, int TooYoung, int Removed, int Failed);
