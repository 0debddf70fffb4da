namespace OneThing.SigningApi.Persistence;

/// <summary>
/// PostgreSQL restarting, failing over or refusing connections for a moment, as Npgsql reports it. EF wraps it
/// (DbUpdateException, InvalidOperationException), so callers look through the exception's inner ones.
/// </summary>
public static class TransientDatabaseError
{
    public static bool Is(Exception e) => e is Npgsql.NpgsqlException { IsTransient: true };

    public static bool IsAnywhereIn(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (Is(e)) return true;
        }
        return false;
    }
}
