using Microsoft.EntityFrameworkCore;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Switches the SQLite database to write-ahead logging before the server starts (the setting is
/// stored in the file), then lets <see cref="SqliteWriteQueue"/> group commits. In the default
/// rollback-journal mode every commit costs several fsyncs and a writer locks readers out, so
/// concurrent signers queued on the database; with WAL a commit is one append to the log, readers never
/// wait for writers, and one fsync of the log after a group of commits makes them all durable before
/// any is acknowledged (<see cref="SqliteWalSync"/>), so a committed signature still survives a power cut.
/// Without WAL (a file system that cannot share memory between connections) every commit syncs itself.
/// </summary>
internal sealed class SqliteWriteAheadLog(IServiceScopeFactory scopes, SqliteWriteQueue writes, ILogger<SqliteWriteAheadLog> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("SQLite database: single instance only (writes queue in this process, the signing gate holds here); run several instances on PostgreSQL");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                logger.LogWarning("SQLite kept journal mode {Mode} (WAL not available on this file system); every commit syncs on its own", mode);
                return;
            }
            command.CommandText = "SELECT file FROM pragma_database_list WHERE name = 'main';";
            if (await command.ExecuteScalarAsync(cancellationToken) is string { Length: > 0 } file)
                writes.SyncCommitsWith(new SqliteWalSync(file));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
