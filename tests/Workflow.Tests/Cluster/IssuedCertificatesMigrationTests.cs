using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.TrustServices;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// Upgrading a database whose certificate record predates the PKI column: every row it held was the main PKI's (the
/// SM2 PKI kept its own in its journal), so it stays the main PKI's, and an SM2 row of the same CA name and serial can
/// sit beside it.
/// </summary>
public sealed class IssuedCertificatesMigrationTests : IDisposable
{
    private const string Before = "StoredRevisionSha256Index";
    private readonly string _folder = WorkflowHost.NewDataDirectory();
    private readonly SqliteWriteQueue _writes = new();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Rows_recorded_before_the_pki_column_are_the_main_pkis_and_the_sm2_pki_may_reuse_their_ca_and_serial(string provider)
    {
        await using var db = Context(provider);
        await db.GetService<IMigrator>().MigrateAsync(Before);
        var notAfter = DateTimeOffset.UtcNow.AddHours(1);
        // As each provider stores it (SQLite: the sortable binary number).
        var stored = provider == "Sqlite" ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(notAfter)! : notAfter;
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO issued_certificates ("CaName", "Serial", "Profile", "Subject", "NotAfter") VALUES ('issuing-ca', '1f2e', 'applicant', 'CN=王建国', {0})
            """, stored);

        await db.Database.MigrateAsync();

        var row = await db.Set<IssuedCertificate>().AsNoTracking().SingleAsync();
        Assert.Equal((CentrePkis.MainName, "issuing-ca", "1f2e"), (row.Pki, row.CaName, row.Serial));
        db.Add(new IssuedCertificate { Pki = CentrePkis.Sm2Key, CaName = "issuing-ca", Serial = "1f2e", Profile = "applicant", Subject = "CN=赵六", NotAfter = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Set<IssuedCertificate>().CountAsync(c => c.CaName == "issuing-ca" && c.Serial == "1f2e"));
    }

    private SigningDbContext Context(string provider)
    {
        if (provider == "Sqlite")
        {
            Directory.CreateDirectory(_folder);
            return new SqliteSigningDbContext(new DbContextOptionsBuilder<SqliteSigningDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_folder, "cases.db")};Pooling=False").UseSqliteWriteQueue(_writes).Options);
        }
        var connection = $"{Services.RequirePostgres()};Database=onething_migration_{Guid.NewGuid():N}";
        return new PostgresSigningDbContext(new DbContextOptionsBuilder<PostgresSigningDbContext>().UseNpgsql(connection).Options);
    }

    public void Dispose()
    {
        _writes.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
