using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Outbox;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests;

/// <summary>
/// The embedded defaults (in-memory bus, simulated registry and bank): a sealed case moves on by
/// events to Completed, every transition stored once with who and when, every event published,
/// a sealed evidence report that the service's own verifier accepts, and an audit chain that
/// detects an edited entry.
/// </summary>
public sealed class InMemoryWorkflowTests : IDisposable
{
    private readonly WorkflowHost _host = new(WorkflowHost.NewDataDirectory(), new Dictionary<string, string?>());

    [Fact]
    public async Task A_sealed_case_moves_through_registration_and_disbursement_to_completed_with_a_sealed_evidence_report()
    {
        var driver = new Driver(_host);
        var (caseId, application) = await driver.OpenAsync();
        await driver.SignAndSealAsync(caseId, application);
        var done = await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(60));

        var staff = await driver.AsAsync("admin");
        var transitions = (await staff.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/transitions"))!.Select(t => t!["to"]!.GetValue<string>()).ToList();
        Assert.Equal(
            ["Opened", "AwaitingSignatures", "AwaitingCountersign", "AwaitingSeal", "Sealed", "MortgageRegistrationRequested",
             "MortgageRegistered", "DisbursementRequested", "Disbursed", "Completed"], transitions);

        // CaseCompleted commits with the Completed state; the dispatcher publishes it a moment later.
        var outbox = await WaitUntilAllSentAsync(Guid.Parse(caseId));
        var types = outbox.OrderBy(m => m.Id).Select(m => m.MessageType.Split('.').Last()).ToList();
        Assert.Equal(
            ["CaseOpened", "SignerInvited", "SignerInvited", "DocumentSigned", "DocumentSigned", "DocumentSigned", "DocumentSigned", "DocumentSigned", "DocumentSigned",
             "CaseCountersigned", "CaseSealed", "MortgageRegistrationRequested", "MortgageRegistered", "DisbursementRequested", "LoanDisbursed", "CaseCompleted"], types);

        var report = done["documents"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == EvidenceReportService.Kind)!;
        var bank = await driver.AsAsync("bank");
        var pdf = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/{EvidenceReportService.Kind}");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "evidence.pdf");
        var verified = await bank.PostAsync("/api/v1/verify", form);
        await Driver.EnsureAsync(verified, HttpStatusCode.OK);
        Assert.Equal("valid", (await verified.Content.ReadFromJsonAsync<JsonObject>())!["verdict"]!.ToString().ToLowerInvariant());
        Assert.Equal(64, report["sha256"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task The_audit_chain_is_intact_after_a_case_and_names_the_entry_edited_afterwards()
    {
        var driver = new Driver(_host);
        var (caseId, _) = await driver.OpenAsync();
        var auditor = await driver.AsAsync("auditor");
        var intact = (await auditor.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify"))!;
        Assert.True(intact.Intact, intact.Problem);
        Assert.True(intact.Entries >= 8, $"only {intact.Entries} entries");
        Assert.Equal(0, intact.Pending);

        var entries = (await auditor.GetFromJsonAsync<List<AuditEntry>>($"/api/v1/cases/{caseId}/audit"))!;
        Assert.Contains(entries, e => e.Action == "case-opened" && e.ActorRole == "approval-system");
        Assert.Contains(entries, e => e.Action == "document-rendered" && e.DocumentHashes != null);
        Assert.Contains(entries, e => e.Action == "transition" && e.Detail!.Contains("Opened → AwaitingSignatures"));

        // An insider rewrites what was recorded about the intake.
        var victim = entries.First(e => e.Action == "case-opened");
        await _host.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.Id == victim.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone-else")));

        var broken = (await auditor.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify"))!;
        Assert.False(broken.Intact);
        Assert.Equal(victim.ChainIndex, broken.FirstBrokenIndex);
        Assert.Contains($"entry {victim.Id}", broken.Problem);
    }

    [Fact]
    public async Task Transitions_the_state_machine_does_not_allow_are_refused_and_change_nothing()
    {
        var driver = new Driver(_host);
        var (caseId, _) = await driver.OpenAsync();
        var bank = await driver.AsAsync("bank");
        var early = await bank.PostAsJsonAsync($"/api/v1/cases/{caseId}/disbursement", new { bankReference = "B-1", amountFen = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode); // wrong amount is named first
        var admin = await driver.AsAsync("admin");
        await Driver.EnsureAsync(await admin.PostAsJsonAsync($"/api/v1/cases/{caseId}/cancel", new { reason = "approval withdrawn" }), HttpStatusCode.OK);
        var again = await admin.PostAsJsonAsync($"/api/v1/cases/{caseId}/cancel", new { reason = "twice" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("invalid-transition", await again.Content.ReadAsStringAsync());
        var transitions = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/transitions"))!.Select(t => t!["to"]!.GetValue<string>()).ToList();
        Assert.Equal(["Opened", "AwaitingSignatures", "Cancelled"], transitions);
        Assert.False(CaseStateMachine.CanMove(SigningApi.Core.Entities.CaseStatus.Sealed, SigningApi.Core.Entities.CaseStatus.Cancelled));
    }

    private async Task<List<OutboxMessage>> WaitUntilAllSentAsync(Guid caseId)
    {
        for (var i = 0; ; i++)
        {
            var outbox = await _host.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => m.CaseId == caseId).ToListAsync());
            if (outbox.All(m => m.SentAt != null)) return outbox;
            if (i == 50) Assert.Fail($"unsent after 10 s: {string.Join(", ", outbox.Where(m => m.SentAt == null).Select(m => m.MessageType))}");
            await Task.Delay(200);
        }
    }

    public void Dispose()
    {
        var dir = _host.DataDirectory;
        _host.Dispose();
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
