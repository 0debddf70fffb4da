using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddCaseDatabase(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        var options = services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.SectionName);
        // What instances share lives in this database: secrets, leases, rate-limit windows (docs/architecture.md).
        services.AddSingleton<ServiceInstance>();
        services.AddSingleton<SharedSecrets>();
        services.AddSingleton<ServiceLeases>();
        services.AddSingleton<SharedRateLimits>();
        services.AddSingleton<OneThing.Storage.Sweeping.ISweepTurns, LeasedSweepTurns>();
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            // Pooled: a context is reset and reused rather than built for each request (and for each of the
            // PKI's ledger look-ups); building one was ~5 % of the service's CPU under load.
            services.AddDbContextPool<SigningDbContext, PostgresSigningDbContext>(o => o.UseNpgsql(options.ConnectionString));
            services.AddSingleton<ICaseLock>(new PostgresCaseLock(options.ConnectionString!));
        }
        else
        {
            var connectionString = options.IsEmbedded ? $"Data Source={data.File("onething.db")}" : options.ConnectionString!;
            services.AddSingleton<SqliteWriteQueue>();
            services.AddSingleton<SqliteConnectionSettings>();
            services.AddDbContextPool<SigningDbContext, SqliteSigningDbContext>((provider, o) =>
                o.UseSqlite(connectionString).AddInterceptors(provider.GetRequiredService<SqliteConnectionSettings>())
                    .UseSqliteWriteQueue(provider.GetRequiredService<SqliteWriteQueue>()));
            services.AddHostedService<SqliteWriteAheadLog>();
            // One process per SQLite file: its writes queue on this process's thread and the signing
            // gate holds only here, so a second instance on the same file is not supported.
            services.AddSingleton<ICaseLock, ProcessOnlyCaseLock>();
            if (options.IsEmbedded)
            {
                services.AddSingleton(new EmbeddedDefault("database", $"SQLite at {data.File("onething.db")} (single instance only; PostgreSQL for several)"));
            }
        }
        services.AddSingleton(sp => new DatabaseSchema(sp.GetRequiredService<IServiceScopeFactory>(), options.MigrateOnStart, sp.GetRequiredService<ILogger<DatabaseSchema>>()));
        services.AddHostedService<DatabaseMigrator>();
        services.AddHealthChecks().AddDbContextCheck<SigningDbContext>("database", tags: ["ready"]);
        return services;
    }
}
