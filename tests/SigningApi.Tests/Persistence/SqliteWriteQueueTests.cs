using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Tests.Persistence;

/// <summary>Writes to the embedded SQLite database run one by one on the queue's thread instead of sleeping in SQLite's busy handler.</summary>
public sealed class SqliteWriteQueueTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("onething-writequeue-").FullName;
    private readonly SqliteWriteQueue _writes = new(TimeSpan.FromSeconds(30));

    public async Task InitializeAsync()
    {
        await using var db = NewContext(_writes);
        await db.Database.MigrateAsync();
    }

    public Task DisposeAsync()
    {
        _writes.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_save_waits_for_the_writer_whose_turn_it_is_and_then_commits()
    {
        using var holder = Occupy(_writes);
        await using var db = NewContext(_writes);
        db.IdempotencyRecords.Add(Record("k1"));

        var save = db.SaveChangesAsync();
        await Task.Delay(100);
        Assert.False(save.IsCompleted);
        Assert.Equal(0, await CountAsync());

        holder.Set();
        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task A_bulk_update_outside_SaveChanges_takes_its_turn_too()
    {
        await using (var seed = NewContext(_writes))
        {
            seed.IdempotencyRecords.Add(Record("k2"));
            await seed.SaveChangesAsync();
        }
        using var holder = Occupy(_writes);
        await using var db = NewContext(_writes);
        var query = db.IdempotencyRecords.Where(r => r.Key == "k2");

        var delete = db.WriteAsync(query.ExecuteDeleteAsync, query.ExecuteDelete, CancellationToken.None);
        await Task.Delay(100);
        Assert.False(delete.IsCompleted);

        holder.Set();
        Assert.Equal(1, await delete.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_failed_save_gives_up_its_turn()
    {
        await using (var first = NewContext(_writes))
        {
            first.IdempotencyRecords.Add(Record("dup"));
            await first.SaveChangesAsync();
        }
        await using (var duplicate = NewContext(_writes))
        {
            duplicate.IdempotencyRecords.Add(Record("dup"));
            await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());
        }

        await using var next = NewContext(_writes);
        next.IdempotencyRecords.Add(Record("after"));
        Assert.Equal(1, await next.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_writer_that_waits_longer_than_the_limit_fails_with_a_clear_error_and_stores_nothing()
    {
        using var impatient = new SqliteWriteQueue(TimeSpan.FromMilliseconds(100));
        using var holder = Occupy(impatient);
        await using var db = NewContext(impatient);
        db.IdempotencyRecords.Add(Record("late"));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => db.SaveChangesAsync());
        holder.Set();

        Assert.Contains("busy with other writes", error.Message);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_cancelled_wait_leaves_the_turn_to_the_others()
    {
        using var holder = Occupy(_writes);
        using var cancel = new CancellationTokenSource();
        await using var gaveUp = NewContext(_writes);
        gaveUp.IdempotencyRecords.Add(Record("gave-up"));
        var abandoned = gaveUp.SaveChangesAsync(cancel.Token);
        await using var patient = NewContext(_writes);
        patient.IdempotencyRecords.Add(Record("patient"));
        var waiting = patient.SaveChangesAsync();

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        holder.Set();

        Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["patient"], await KeysAsync());
    }

    [Fact]
    public async Task A_write_that_has_started_finishes_even_if_its_caller_gives_up()
    {
        using var started = new ManualResetEventSlim();
        using var proceed = new ManualResetEventSlim();
        using var cancel = new CancellationTokenSource();
        await using var db = NewContext(_writes);
        db.IdempotencyRecords.Add(Record("committed"));

        var save = _writes.RunAsync(() => { started.Set(); proceed.Wait(); return db.SaveChanges(); }, cancel.Token);
        started.Wait(TimeSpan.FromSeconds(10));
        cancel.Cancel();
        proceed.Set();

        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["committed"], await KeysAsync());
    }

    [Fact]
    public async Task With_group_commit_a_write_is_acknowledged_only_after_the_log_is_synced()
    {
        using var writes = new SqliteWriteQueue(TimeSpan.FromSeconds(30));
        var sync = new RecordingSync { Gate = new ManualResetEventSlim() };
        writes.SyncCommitsWith(sync);
        await using var db = NewContext(writes);
        db.IdempotencyRecords.Add(Record("synced"));

        var save = db.SaveChangesAsync();
        Assert.True(SpinWait.SpinUntil(() => sync.Calls == 1, TimeSpan.FromSeconds(10)));
        await Task.Delay(100);
        Assert.False(save.IsCompleted);

        sync.Gate.Set();
        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, sync.Calls);
    }

    [Fact]
    public async Task Writes_that_queue_while_one_runs_share_one_sync()
    {
        using var writes = new SqliteWriteQueue(TimeSpan.FromSeconds(30));
        var sync = new RecordingSync();
        writes.SyncCommitsWith(sync);
        using var holder = Occupy(writes);
        var contexts = Enumerable.Range(0, 5).Select(_ => NewContext(writes)).ToList();
        var saves = contexts.Select((db, i) =>
        {
            db.IdempotencyRecords.Add(Record($"group-{i}"));
            return db.SaveChangesAsync();
        }).ToList();

        holder.Set();
        Assert.All(await Task.WhenAll(saves).WaitAsync(TimeSpan.FromSeconds(10)), saved => Assert.Equal(1, saved));
        foreach (var db in contexts) await db.DisposeAsync();

        Assert.Equal(1, sync.Calls);
        Assert.Equal(5, await CountAsync());
    }

    [Fact]
    public async Task When_the_sync_fails_the_writes_it_covered_fail_with_the_reason_and_a_failed_write_keeps_its_own_error()
    {
        await using (var first = NewContext(_writes))
        {
            first.IdempotencyRecords.Add(Record("taken"));
            await first.SaveChangesAsync();
        }
        using var writes = new SqliteWriteQueue(TimeSpan.FromSeconds(30));
        writes.SyncCommitsWith(new RecordingSync { Failure = new IOException("No space left on device") });
        using var holder = Occupy(writes);
        await using var good = NewContext(writes);
        good.IdempotencyRecords.Add(Record("unsynced"));
        var goodSave = good.SaveChangesAsync();
        await using var duplicate = NewContext(writes);
        duplicate.IdempotencyRecords.Add(Record("taken"));
        var duplicateSave = duplicate.SaveChangesAsync();

        holder.Set();
        var error = await Assert.ThrowsAsync<IOException>(() => goodSave);
        Assert.Contains("could not be synced", error.Message);
        Assert.Contains("No space left on device", error.Message);
        await Assert.ThrowsAsync<DbUpdateException>(() => duplicateSave);
    }

    [Fact]
    public async Task Connections_commit_without_their_own_sync_only_while_the_queue_syncs_for_them()
    {
        using var writes = new SqliteWriteQueue(TimeSpan.FromSeconds(30));
        var settings = new SqliteConnectionSettings(writes);

        Assert.Equal(2L, await SynchronousModeAsync(settings, writes)); // FULL
        writes.SyncCommitsWith(new RecordingSync());
        Assert.Equal(1L, await SynchronousModeAsync(settings, writes)); // NORMAL
    }

    [Fact]
    public async Task The_log_sync_flushes_an_existing_write_ahead_log_and_passes_over_a_missing_one()
    {
        var file = Path.Combine(_directory, "cases.db");
        await using (var db = NewContext(_writes))
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync();
            db.IdempotencyRecords.Add(Record("in-the-log"));
            await db.SaveChangesAsync();
            var sync = new SqliteWalSync(file);
            Assert.True(File.Exists(sync.LogFile));
            sync.Sync();
        }

        new SqliteWalSync(Path.Combine(_directory, "absent.db")).Sync();
        Assert.Equal(["in-the-log"], await KeysAsync());
    }

    private async Task<long> SynchronousModeAsync(SqliteConnectionSettings settings, SqliteWriteQueue writes)
    {
        await using var db = new SqliteSigningDbContext(new DbContextOptionsBuilder<SqliteSigningDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory, "cases.db")}").AddInterceptors(settings).UseSqliteWriteQueue(writes).Options);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Counts syncs; can hold one until <see cref="Gate"/> is set, or fail.</summary>
    private sealed class RecordingSync : ICommitSync
    {
        private int _calls;

        public ManualResetEventSlim? Gate { get; init; }

        public Exception? Failure { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public void Sync()
        {
            Interlocked.Increment(ref _calls);
            Gate?.Wait(TimeSpan.FromSeconds(30));
            if (Failure is not null) throw Failure;
        }
    }

    /// <summary>Keeps the queue's thread busy until the returned event is set.</summary>
    private static ManualResetEventSlim Occupy(SqliteWriteQueue writes)
    {
        var release = new ManualResetEventSlim();
        using var running = new ManualResetEventSlim();
        _ = writes.RunAsync(() => { running.Set(); release.Wait(); return 0; }, CancellationToken.None);
        running.Wait(TimeSpan.FromSeconds(10));
        return release;
    }

    private SqliteSigningDbContext NewContext(SqliteWriteQueue writes) =>
        new(new DbContextOptionsBuilder<SqliteSigningDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "cases.db")}").UseSqliteWriteQueue(writes).Options);

    private static IdempotencyRecord Record(string key) =>
        new() { Caller = "approval-system", Key = key, RequestHash = "h", CreatedAt = DateTimeOffset.UnixEpoch };

    private async Task<int> CountAsync()
    {
        await using var db = NewContext(_writes);
        return await db.IdempotencyRecords.CountAsync();
    }

    private async Task<string[]> KeysAsync()
    {
        await using var db = NewContext(_writes);
        return await db.IdempotencyRecords.Select(r => r.Key).ToArrayAsync();
    }
}
