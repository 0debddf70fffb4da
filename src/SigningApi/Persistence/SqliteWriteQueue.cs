using System.Collections.Concurrent;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Runs this process's writes to the SQLite file one after the other, in arrival order, on one
/// dedicated thread. SQLite admits one writer per file, and its busy handler makes the others sleep a
/// thread-pool thread in growing steps and serves no one in order; on its own thread the next write
/// starts the moment the previous commit ends, and callers await the result without holding a thread.
/// <see cref="SqliteConnectionSettings"/>'s busy timeout still covers writers from other processes.
/// <para>
/// Group commit, once <see cref="SyncCommitsWith"/> is called (the database is in WAL mode and its
/// connections commit with <c>synchronous = NORMAL</c>, i.e. without an fsync each): the writes queued
/// while one runs run right after it, each still its own transaction, and then a single
/// <see cref="ICommitSync.Sync"/> makes them all durable before any caller hears that it committed: the
/// log's fsync is paid once per group, not once per commit. The price:
/// another connection can see a commit in the moments between it and the sync; a crash in that window
/// loses it, and its caller, never told it committed, sees an error.
/// </para>
/// </summary>
public sealed class SqliteWriteQueue : IDisposable
{
    /// <summary>The most writes one sync covers, so the first of a long queue is not kept waiting for all the others.</summary>
    private const int MaxGroup = 64;

    private readonly BlockingCollection<Write> _writes = new();
    private readonly Thread _writer;
    private volatile ICommitSync? _sync;

    public SqliteWriteQueue() : this(TimeSpan.FromSeconds(10)) { }

    /// <param name="maxWait">Default as long as SQLite's own busy timeout: a write not started by then fails instead of queueing forever.</param>
    internal SqliteWriteQueue(TimeSpan maxWait)
    {
        MaxWait = maxWait;
        _writer = new Thread(RunWrites) { IsBackground = true, Name = "SQLite writer" };
        _writer.Start();
    }

    public TimeSpan MaxWait { get; }

    /// <summary>True once commits are synced by this queue (group commit); connections may then commit without syncing.</summary>
    public bool SyncsCommits => _sync is not null;

    /// <summary>
    /// Turns on group commit: from now on every write is acknowledged only after <paramref name="sync"/>
    /// has run after it. Call before any connection commits with <c>synchronous = NORMAL</c>.
    /// </summary>
    public void SyncCommitsWith(ICommitSync sync) => _sync = sync;

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
        var group = new List<Write>(MaxGroup);
        foreach (var first in _writes.GetConsumingEnumerable())
        {
            first.Run();
            group.Add(first);
            // Whatever queued meanwhile shares the sync below.
            while (_sync is not null && group.Count < MaxGroup && _writes.TryTake(out var next))
            {
                next.Run();
                group.Add(next);
            }
            // Read after the writes ran: a connection that committed without syncing saw it set.
            var sync = _sync;
            Exception? syncFailure = null;
            if (sync is not null && group.Exists(w => w.Succeeded))
            {
                try
                {
                    sync.Sync();
                }
                catch (Exception e)
                {
                    syncFailure = e;
                }
            }
            foreach (var write in group) write.Complete(syncFailure);
            group.Clear();
        }
    }

    private abstract class Write
    {
        /// <summary>Runs the write (if its caller still waits) and keeps the outcome for <see cref="Complete"/>.</summary>
        public abstract void Run();

        /// <summary>Ran without an exception: it may have committed something that needs the sync.</summary>
        public abstract bool Succeeded { get; }

        /// <summary>Tells the caller the outcome; a successful write whose sync failed fails too.</summary>
        public abstract void Complete(Exception? syncFailure);
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
        private T _value = default!;
        private Exception? _error;

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
                // The caller's logging scope and trace follow the write onto this thread.
                if (_context is null) _value = _write();
                else ExecutionContext.Run(_context, _ => _value = _write(), null);
            }
            catch (Exception e)
            {
                _error = e;
            }
        }

        public override bool Succeeded => _state == Started && _error is null;

        public override void Complete(Exception? syncFailure)
        {
            if (_state != Started) return;
            if (_error is not null) _result.SetException(_error);
            else if (syncFailure is not null)
                _result.SetException(new IOException($"The write committed, but the database log could not be synced to disk, so it may not survive a crash: {syncFailure.Message}", syncFailure));
            else _result.SetResult(_value);
        }
    }
}
