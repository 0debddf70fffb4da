using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;
using OneThing.Storage.Catalog;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// A verified file is matched to the centre's stored revisions by its SHA-256 (computed here, independently):
/// the bank learns which case, document and revision it is and that an intermediate revision is not the
/// final sealed version; a caller who may not see the case learns nothing.
/// </summary>
public sealed class VerificationRecordTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_files_digest_names_its_case_document_and_revision_for_the_entrusted_bank_only()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var bank = await _api.AsAsync("bank");
        var original = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        var signed = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");

        var current = (await bank.GetFromJsonAsync<JsonObject>($"/api/v1/verify/records/{Sha256(signed)}"))!;
        Assert.Equal(caseId, current["caseId"]!.GetValue<string>());
        Assert.Equal(opened["contractNumber"]!.GetValue<string>(), current["contractNumber"]!.GetValue<string>());
        Assert.Equal("loan-contract", current["documentKind"]!.GetValue<string>());
        Assert.Equal(current["currentRevision"]!.GetValue<int>(), current["revision"]!.GetValue<int>());
        Assert.Equal("德阳市住房公积金管理中心", current["centreName"]!.GetValue<string>());
        Assert.Equal(["borrower:王*国", "co-borrower:李*兰"], current["parties"]!.AsArray().Select(p => p!.GetValue<string>()));
        // Signed by the borrower only: not the final sealed version.
        Assert.False(current["isFinalSealed"]!.GetValue<bool>());

        var earlier = (await bank.GetFromJsonAsync<JsonObject>($"/api/v1/verify/records/{Sha256(original)}"))!;
        Assert.Equal(current["revision"]!.GetValue<int>() - 1, earlier["revision"]!.GetValue<int>());
        Assert.False(earlier["isFinalSealed"]!.GetValue<bool>());

        var otherBank = await _api.AsAsync("bank", "other-bank-clerk", bank: "ICBC-XX");
        await ApiDriver.ProblemAsync(await otherBank.GetAsync($"/api/v1/verify/records/{Sha256(signed)}"), HttpStatusCode.NotFound);
        // Staff of another centre learn nothing either; this centre's officer does see it.
        foreach (var role in new[] { "loan-officer", "seal-officer" })
        {
            var stranger = await _api.AsAsync(role, $"{role}-elsewhere", centre: "99999999999999999X");
            await ApiDriver.ProblemAsync(await stranger.GetAsync($"/api/v1/verify/records/{Sha256(signed)}"), HttpStatusCode.NotFound);
        }
        var ownOfficer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        Assert.Equal(caseId, (await ownOfficer.GetFromJsonAsync<JsonObject>($"/api/v1/verify/records/{Sha256(signed)}"))!["caseId"]!.GetValue<string>());
        await ApiDriver.ProblemAsync(await bank.GetAsync($"/api/v1/verify/records/{Sha256([1, 2, 3])}"), HttpStatusCode.NotFound);
        await ApiDriver.ProblemAsync(await bank.GetAsync("/api/v1/verify/records/not-a-digest"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_borrowers_copy_before_the_seal_is_judged_genuine_with_the_services_own_revocation_data_and_reported_not_final()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        // Revision 2: the borrower's signature with its signature timestamp, no DSS yet (LTV data comes with the seal).
        var copy = await borrower.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
        Assert.DoesNotContain("/DSS", System.Text.Encoding.Latin1.GetString(copy), StringComparison.Ordinal);

        var bank = await _api.AsAsync("bank");
        var report = await VerifyAsync(bank, copy);
        Assert.Equal("Valid", report["verdict"]!.GetValue<string>());
        var signature = report["signatures"]!.AsArray().Single(s => s!["fieldName"]!.GetValue<string>() == "Borrower")!;
        // The signature timestamp is trusted (the TSA's certificate checked with the service's own OCSP) and the level is B-T, not B-B.
        Assert.True(signature["timestamp"]!["checks"]!.AsArray().All(c => c!["status"]!.GetValue<string>() is "Passed" or "NotApplicable"), signature.ToJsonString());
        Assert.Equal("BT", signature["level"]!.GetValue<string>());
        var revocation = signature["checks"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "Revocation")!;
        Assert.Equal("Passed", revocation["status"]!.GetValue<string>());
        Assert.Contains("OCSP", revocation["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var match = (await bank.GetFromJsonAsync<JsonObject>($"/api/v1/verify/records/{report["sha256"]!.GetValue<string>().ToLowerInvariant()}"))!;
        Assert.False(match["isFinalSealed"]!.GetValue<bool>());

        // Own evidence is asked afresh, not assumed good: revoke the borrower's event certificate and the next
        // verification reads the revocation (after the timestamp's proven time, so the signature still stands, as PAdES has it).
        var serial = new Org.BouncyCastle.Math.BigInteger(signature["signer"]!["serialNumber"]!.GetValue<string>(), 16);
        // CRLs state revocation times in whole seconds: a revocation in the timestamp's own second would read as before it.
        var sinceTimestamp = DateTimeOffset.UtcNow - signature["timestampedTime"]!.GetValue<DateTimeOffset>();
        if (sinceTimestamp < TimeSpan.FromSeconds(1.1)) await Task.Delay(TimeSpan.FromSeconds(1.1) - sinceTimestamp);
        factory.Pki.Revoke(serial, OneThing.Seal.Pki.Revocation.RevocationReason.KeyCompromise);
        var after = (await VerifyAsync(bank, copy))["signatures"]!.AsArray().Single(s => s!["fieldName"]!.GetValue<string>() == "Borrower")!;
        var revoked = after["checks"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "Revocation")!["detail"]!.GetValue<string>();
        Assert.True(revoked.Contains("after the signature's proven time", StringComparison.Ordinal), after.ToJsonString());
    }

    [Fact]
    public async Task The_digest_lookup_reads_the_sha256_index_rather_than_scanning_every_stored_revision()
    {
        using var scope = factory.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<SigningDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The lookup's own filter (RevisionRecords.Find): equality on the digest column alone.
        command.CommandText = $"EXPLAIN QUERY PLAN SELECT * FROM {StoredRevisionConfiguration.TableName} WHERE Sha256 = '{new string('a', 64)}'";
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.Contains(plan, step => step.Contains("USING INDEX IX_document_revisions_Sha256", StringComparison.Ordinal));
    }

    private static async Task<JsonObject> VerifyAsync(HttpClient client, byte[] pdf)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "loan-contract.pdf");
        var response = await client.PostAsync("/api/v1/verify", form);
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
