namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Lets this process's writes to the SQLite file take turns in order, without blocking a thread.
/// SQLite admits one writer per file; the others used to wait inside SQLite's busy handler, which
/// sleeps a thread-pool thread in growing steps up to 100 ms and serves no one in order. Under 50
/// concurrent signers those sleeps added up to whole seconds per request (measured with strace: thousands
/// of 25–100 ms sleeps per 40 cases) and starved the thread pool. Here a writer awaits its turn and is
/// woken the moment the previous commit ends; <see cref="SqliteBusyTimeout"/> still covers writers from
/// other processes.
/// </summary>
public sealed class SqliteWriteQueue
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public SqliteWriteQueue() : this(TimeSpan.FromSeconds(10)) { }

    /// <param name="maxWait">Default as long as SQLite's own busy timeout: past it a write fails instead of queueing forever.</param>
    internal SqliteWriteQueue(TimeSpan maxWait) => MaxWait = maxWait;

    public TimeSpan MaxWait { get; }

    /// <summary>Waits for this writer's turn; disposing the result ends it.</summary>
    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        if (!await _turn.WaitAsync(MaxWait, ct)) throw TimedOut();
        return new Turn(_turn);
    }

    public Turn Enter()
    {
        if (!_turn.Wait(MaxWait)) throw TimedOut();
        return new Turn(_turn);
    }

    private TimeoutException TimedOut() =>
        new($"the SQLite database stayed busy with other writes for {MaxWait.TotalSeconds:0} s");

    /// <summary>One writer's turn. A struct so taking a turn allocates nothing.</summary>
    public readonly struct Turn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn?.Release();
    }
}
