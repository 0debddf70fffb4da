namespace OneThing.SigningApi.Persistence;

/// <summary>Makes every transaction committed so far durable (one fsync for all of them).</summary>
public interface ICommitSync
{
    /// <exception cref="IOException">The sync failed: what was committed may not survive a crash.</exception>
    void Sync();
}
