using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Persistence;

/// <summary>The embedded SQLite database as the service starts it: write-ahead log, commits grouped under one sync.</summary>
public sealed class EmbeddedDatabaseTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    [Fact]
    public async Task The_service_runs_the_database_in_WAL_mode_and_syncs_each_group_of_commits_itself()
    {
        using var client = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();

        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!); // NORMAL: the queue syncs the log
        Assert.True(factory.Services.GetRequiredService<SqliteWriteQueue>().SyncsCommits);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "onething.db-wal")));
    }
}
