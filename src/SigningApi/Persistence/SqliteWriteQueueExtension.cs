using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// Carries the process's <see cref="SqliteWriteQueue"/> in the context options, so that
/// <see cref="SqliteSigningDbContext"/> takes its options alone and can be pooled (a pooled context is
/// made from its options only, and reused request after request instead of built for each).
/// </summary>
public sealed class SqliteWriteQueueExtension(SqliteWriteQueue queue) : IDbContextOptionsExtension
{
    public SqliteWriteQueue Queue => queue;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // The queue is used by the context itself; EF's internal services need nothing from it.
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "SqliteWriteQueue ";

        // Which queue a context writes through does not change EF's internal services: one service provider for all.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["OneThing:SqliteWriteQueue"] = "1";
    }
}

public static class SqliteWriteQueueOptions
{
    /// <summary>Writes of the contexts built from these options go through <paramref name="queue"/>.</summary>
    public static DbContextOptionsBuilder<TContext> UseSqliteWriteQueue<TContext>(this DbContextOptionsBuilder<TContext> builder, SqliteWriteQueue queue)
        where TContext : DbContext
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SqliteWriteQueueExtension(queue));
        return builder;
    }

    /// <inheritdoc cref="UseSqliteWriteQueue{TContext}"/>
    public static DbContextOptionsBuilder UseSqliteWriteQueue(this DbContextOptionsBuilder builder, SqliteWriteQueue queue)
    {
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SqliteWriteQueueExtension(queue));
        return builder;
    }
}
