using System.Collections.Concurrent;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Runs this process's writes to the SQLite file one after the other, in arrival order, on one
/// dedicated thread. SQLite admits one writer per file; the others used to wait inside SQLite's busy
/// handler, which sleeps a thread-pool thread in growing steps up to 100 ms and serves no one in order.
/// Under 50 concurrent signers those sleeps added up to whole seconds per request (strace: thousands of
/// 25–100 ms sleeps per 40 cases). A queue of async waiters fixed the sleeping but not the hand-over: a
/// writer whose turn came still had to wait for a thread-pool thread, behind the CPU-bound signing work,
/// while everyone after it waited too. On its own thread the next write starts the moment the previous
/// commit ends; callers await the result without holding a thread. <see cref="SqliteBusyTimeout"/> still
/// covers writers from other processes.
/// </summary>
public sealed class SqliteWriteQueue : IDisposable
{
    private readonly BlockingCollection<Write> _writes = new();
    private readonly Thread _writer;

    public SqliteWriteQueue() : this(TimeSpan.FromSeconds(10)) { }

    /// <param name="maxWait">Default as long as SQLite's own busy timeout: a write not started by then fails instead of queueing forever.</param>
    internal SqliteWriteQueue(TimeSpan maxWait)
    {
        MaxWait = maxWait;
        _writer = new Thread(RunWrites) { IsBackground = true, Name = "SQLite writer" };
        _writer.Start();
    }

    public TimeSpan MaxWait { get; }

    /// <summary>Queues a synchronous write; the task ends when it has run (committed or thrown).</summary>
    /// <exception cref="TimeoutException">(on the task) The write had not started within <see cref="MaxWait"/>; it never runs.</exception>
    public Task<T> RunAsync<T>(Func<T> write, CancellationToken ct)
    {
        // A write issued from a write (none today) runs in place rather than waiting for itself.
        if (Thread.CurrentThread == _writer) return Task.FromResult(write());
        var queued = new Write<T>(write, MaxWait, ct);
        _writes.Add(queued, CancellationToken.None);
        return queued.Task;
    }

    public T Run<T>(Func<T> write) =>
        Thread.CurrentThread == _writer ? write() : RunAsync(write, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs what is already queued, then lets the thread end.</summary>
    public void Dispose() => _writes.CompleteAdding();

    private void RunWrites()
    {
        foreach (var write in _writes.GetConsumingEnumerable()) write.Run();
    }

    private abstract class Write
    {
        public abstract void Run();
    }

    private sealed class Write<T> : Write
    {
        private const int Queued = 0, Started = 1, Abandoned = 2;
        private readonly Func<T> _write;
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        // Continuations run on the pool, never on the writer thread.
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _deadline;
        private readonly CancellationTokenRegistration _cancelled;
        private int _state;

        public Write(Func<T> write, TimeSpan maxWait, CancellationToken ct)
        {
            _write = write;
            _deadline = new CancellationTokenSource(maxWait);
            _deadline.Token.Register(() => Abandon(() => _result.TrySetException(
                new TimeoutException($"the SQLite database stayed busy with other writes for {maxWait.TotalSeconds:0.##} s"))));
            _cancelled = ct.Register(() => Abandon(() => _result.TrySetCanceled(ct)));
        }

        public Task<T> Task => _result.Task;

        /// <summary>A write that has started always finishes: its caller must learn whether it committed.</summary>
        private void Abandon(Action complete)
        {
            if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued) complete();
        }

        public override void Run()
        {
            var started = Interlocked.CompareExchange(ref _state, Started, Queued) == Queued;
            _deadline.Dispose();
            _cancelled.Dispose();
            if (!started) return;
            try
            {
                var result = default(T)!;
                // The caller's logging scope and trace follow the write onto this thread.
                if (_context is null) result = _write();
                else ExecutionContext.Run(_context, _ => result = _write(), null);
                _result.SetResult(result);
            }
            catch (Exception e)
            {
                _result.SetException(e);
            }
        }
    }
}
