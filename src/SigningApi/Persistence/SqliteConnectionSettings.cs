using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Per-connection SQLite settings, applied each time a connection opens (SQLite keeps them per
/// connection, not in the file).
/// <list type="bullet">
/// <item><c>busy_timeout</c>: lets SQLite itself wait (in steps of a few milliseconds) when another
/// connection is writing. Without it SQLite answers "busy" at once and Microsoft.Data.Sqlite retries in
/// fixed 150 ms sleeps (its RetryWhileBusy), so two requests committing at the same moment cost the
/// later one 150 ms or more instead of the few milliseconds the first commit takes.</item>
/// <item><c>synchronous</c>: <c>NORMAL</c> (commit without an fsync) only while
/// <see cref="SqliteWriteQueue"/> syncs the log after each group of commits, otherwise <c>FULL</c>
/// (every commit synced), so a commit is durable before it is acknowledged either way.</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings(SqliteWriteQueue writes) : DbConnectionInterceptor
{
    private const string GroupCommit = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";
    private const string CommitBySelf = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL;";

    private string Pragmas => writes.SyncsCommits ? GroupCommit : CommitBySelf;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
