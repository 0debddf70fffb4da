using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddCaseDatabase(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        var options = services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(configuration, DatabaseOptions.SectionName);
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<SigningDbContext, PostgresSigningDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }
        else
        {
            var connectionString = options.IsEmbedded ? $"Data Source={data.File("onething.db")}" : options.ConnectionString!;
            services.AddSingleton<SqliteWriteQueue>();
            services.AddSingleton<SqliteConnectionSettings>();
            services.AddDbContext<SigningDbContext, SqliteSigningDbContext>((provider, o) =>
                o.UseSqlite(connectionString).AddInterceptors(provider.GetRequiredService<SqliteConnectionSettings>()));
            services.AddHostedService<SqliteWriteAheadLog>();
            if (options.IsEmbedded)
            {
                services.AddSingleton(new EmbeddedDefault("database", $"SQLite at {data.File("onething.db")}"));
            }
        }
        if (options.MigrateOnStart)
        {
            services.AddHostedService<DatabaseMigrator>();
        }
        services.AddHealthChecks().AddDbContextCheck<SigningDbContext>("database", tags: ["ready"]);
        return services;
    }
}
