using Microsoft.EntityFrameworkCore;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Applies pending migrations once per process, before anything reads the schema: before the server
/// starts listening (<see cref="DatabaseMigrator"/>), or earlier when start-up itself needs the
/// database (the shared keys and PKI record are read while the endpoints are mapped). EF Core holds a
/// database-wide migration lock, so instances starting together apply each migration once.
/// </summary>
public sealed class DatabaseSchema(IServiceScopeFactory scopes, bool migrate, ILogger<DatabaseSchema> logger)
{
    private readonly Lazy<bool> _migrated = new(() =>
    {
        if (!migrate) return true;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var pending = db.Database.GetPendingMigrations().ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
            db.Database.Migrate();
        }
        return true;
    });

    /// <summary>Returns once the schema is current (at once after the first call).</summary>
    public void EnsureCurrent() => _ = _migrated.Value;
}

/// <summary>Brings the schema up to date before the server starts listening.</summary>
internal sealed class DatabaseMigrator(DatabaseSchema schema) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(schema.EnsureCurrent, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
