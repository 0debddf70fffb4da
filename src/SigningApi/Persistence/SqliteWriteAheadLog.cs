using Microsoft.EntityFrameworkCore;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Switches the SQLite database to write-ahead logging before the server starts (the setting is
/// stored in the file). In the default rollback-journal mode every commit costs several fsyncs and
/// a writer locks readers out, so concurrent signers queued on the database; with WAL a commit is one
/// fsync of the log (synchronous stays FULL, so a committed signature survives a power cut) and
/// readers never wait for writers.
/// </summary>
internal sealed class SqliteWriteAheadLog(IServiceScopeFactory scopes, ILogger<SqliteWriteAheadLog> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
                logger.LogWarning("SQLite kept journal mode {Mode} (WAL not available on this file system)", mode);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
