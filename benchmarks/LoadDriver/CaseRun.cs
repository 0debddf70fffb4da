using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OneThing.LoadDriver;

/// <summary>One full case: intake → both applicants (link, identity, code, read, consent, handwriting, sign) in parallel → countersign → seal.</summary>
public sealed class CaseRun(ServiceClient api, string sampleJson, byte[] handwritingPng, LoadStatistics stats, Pacing pacing, string phase)
{
    private static readonly string[] Kinds = ["loan-contract", "mortgage-contract", "deduction-authorization"];
    private readonly string _runId = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary>A person's pause before the next step; none when the run measures saturation.</summary>
    private Task PauseAsync(CancellationToken ct) => pacing.PauseAsync(ct);

    public async Task RunAsync(int index, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var suffix = $"{phase}{_runId}{index:D4}";
        var c = JsonNode.Parse(sampleJson)!.AsObject();
        c["caseNumber"] = $"LOAD-2026-{suffix}";
        c["contractNumber"] = $"LOAD-JK-2026-{suffix}";
        // Unique phones per case so each applicant reads only their own SMS.
        var borrowerPhone = Phone(index, 0);
        var coPhone = Phone(index, 1);
        c["borrower"]!["phone"] = borrowerPhone;
        c["coBorrowers"]![0]!["phone"] = coPhone;

        var approval = await api.StaffTokenAsync("approval-system", "load-approval", ct);
        var opened = await api.SendAsync(HttpMethod.Post, "/api/v1/cases", approval,
            new { @case = c, bankCode = "CCB-DY", signingOrder = "parallel", signingDays = 14 }, ct);
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();

        var borrower = c["borrower"]!;
        var co = c["coBorrowers"]![0]!;
        await Task.WhenAll(
            ApplicantAsync(caseId, borrower["name"]!.GetValue<string>(), borrower["idNumber"]!.GetValue<string>(), borrowerPhone, ct),
            ApplicantAsync(caseId, co["name"]!.GetValue<string>(), co["idNumber"]!.GetValue<string>(), coPhone, ct));

        await PauseAsync(ct);
        var officer = await api.StaffTokenAsync("loan-officer", "DY-0001", ct);
        await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/countersign", officer, null, ct);
        await PauseAsync(ct);
        var sealer = await api.StaffTokenAsync("seal-officer", "load-sealer", ct);
        var sealedCase = await api.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/seal", sealer, null, ct);
        // A retried seal whose first answer was lost reports the case as it now stands, which may be further on.
        if (sealedCase["status"]?.GetValue<string>() is not ("Sealed" or "MortgageRegistrationRequested" or "MortgageRegistered" or "DisbursementRequested" or "Disbursed" or "Completed"))
            throw new InvalidOperationException($"case {application} ended {sealedCase["status"]}");
        stats.CaseDone(clock.Elapsed);
    }

    private async Task ApplicantAsync(string caseId, string name, string idNumber, string phone, CancellationToken ct)
    {
        // The applicant's own phone: the identity check's session cookie must reach its code step.
        var device = api.ForDevice();
        var link = await device.SmsAsync(phone, ServiceClient.LinkPattern(), ct);
        await PauseAsync(ct);
        await device.SendAsync(HttpMethod.Post, $"/api/v1/access/{link}/identity", null, new { name, idNumber }, ct);
        var code = await device.SmsAsync(phone, ServiceClient.CodePattern(), ct);
        await PauseAsync(ct);
        var token = (await device.SendAsync(HttpMethod.Post, $"/api/v1/access/{link}/code", null, new { code }, ct))["accessToken"]!.GetValue<string>();
        foreach (var kind in Kinds)
        {
            await PauseAsync(ct);
            await device.GetBytesAsync($"/api/v1/cases/{caseId}/documents/{kind}", token, ct);
        }
        var consent = await device.SendAsync(HttpMethod.Get, $"/api/v1/cases/{caseId}/consent", token, null, ct);
        await device.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/consent", token, new { text = consent["text"]!.GetValue<string>() }, ct);
        await PauseAsync(ct);
        var png = new ByteArrayContent(handwritingPng);
        png.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        await device.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/handwriting", token, null, ct, png);

        // Parallel signers of one case race for the next document revision; the loser gets 409
        // concurrent-change with nothing applied and signs again, as a client would.
        await PauseAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await device.SendAsync(HttpMethod.Post, $"/api/v1/cases/{caseId}/sign", token, null, ct);
                stats.Sign(clock.Elapsed);
                return;
            }
            catch (InvalidOperationException e) when (attempt < 5 && e.Message.Contains("concurrent-change", StringComparison.Ordinal))
            {
                stats.Sign(clock.Elapsed);
                stats.Retry();
                // A random pause, as a client backs off: two signers retrying in step would collide again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250) * attempt), ct);
            }
        }
    }

    private string Phone(int index, int party) =>
        "13" + ((long.Parse(_runId, CultureInfo.InvariantCulture) * 10_000 + index * 2 + party) % 1_000_000_000).ToString("D9", CultureInfo.InvariantCulture);
}
