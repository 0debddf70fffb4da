using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

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
        await ApiDriver.ProblemAsync(await bank.GetAsync($"/api/v1/verify/records/{Sha256([1, 2, 3])}"), HttpStatusCode.NotFound);
        await ApiDriver.ProblemAsync(await bank.GetAsync("/api/v1/verify/records/not-a-digest"), HttpStatusCode.BadRequest);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
