using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Lets SQLite itself wait (in steps of a few milliseconds) when another connection is writing.
/// Without a busy timeout SQLite answers "busy" at once and Microsoft.Data.Sqlite retries in fixed
/// 150 ms sleeps (its RetryWhileBusy), so two requests committing at the same moment cost the
/// later one 150 ms or more instead of the few milliseconds the first commit takes.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
