using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Core.Entities;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests;

/// <summary>Production database: PostgreSQL with its migrations (scripts/services/start-postgres.sh) carries a case to Completed.</summary>
public sealed class PostgresWorkflowTests : IDisposable
{
    private readonly string _data = WorkflowHost.NewDataDirectory();

    [Fact]
    public async Task On_PostgreSQL_a_case_reaches_Completed_with_its_transitions_and_an_intact_audit_chain()
    {
        var connection = $"{Services.RequirePostgres()};Database=onething_wf_{Guid.NewGuid():N}";
        using var host = new WorkflowHost(_data, new Dictionary<string, string?>
        {
            ["OneThing:Database:Provider"] = "PostgreSql",
            ["OneThing:Database:ConnectionString"] = connection,
        });
        var driver = new Driver(host);
        var (caseId, application) = await driver.OpenAsync();
        await driver.SignAndSealAsync(caseId, application);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));

        var id = Guid.Parse(caseId);
        Assert.Equal(10, await host.WithDbAsync(db => db.Set<CaseTransition>().CountAsync(t => t.CaseId == id)));
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", await host.WithDbAsync(db => Task.FromResult(db.Database.ProviderName!)));
        var auditor = await driver.AsAsync("auditor");
        var report = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<AuditIntegrityReport>(auditor, "/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
