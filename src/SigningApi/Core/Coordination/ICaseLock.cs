namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// A lock on one case that holds across instances (PostgreSQL: a session advisory lock, released by
/// the server when the holder's connection ends, so a killed instance never leaves a case locked).
/// </summary>
public interface ICaseLock
{
    /// <summary>Waits until no other instance holds the case; dispose to let the next one in.</summary>
    Task<IAsyncDisposable> AcquireAsync(Guid caseId, CancellationToken ct);
}

/// <summary>SQLite: one instance per database file, so the in-process gate is the whole lock.</summary>
public sealed class ProcessOnlyCaseLock : ICaseLock
{
    public Task<IAsyncDisposable> AcquireAsync(Guid caseId, CancellationToken ct) => Task.FromResult<IAsyncDisposable>(Released.Instance);

    private sealed class Released : IAsyncDisposable
    {
        public static readonly Released Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
