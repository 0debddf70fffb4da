using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Documents;

/// <summary>A download link serves exactly the revision the case database holds, as the document endpoint does.</summary>
public sealed class DownloadLinkTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_link_refuses_a_revision_whose_bytes_and_stored_metadata_were_both_rewritten()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var bank = await _api.AsAsync("bank");
        var link = (await (await bank.PostAsync($"/api/v1/cases/{caseId}/documents/loan-contract/link", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var url = link["url"]!.GetValue<string>();
        var original = await _api.Anonymous().GetByteArrayAsync(url);
        Assert.Equal(link["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(original)));

        // Someone with access to the store's folder rewrites the contract and its meta.json to match.
        var documentId = opened["documents"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "loan-contract")!["documentId"]!.GetValue<string>();
        var revisionFolder = Directory.GetDirectories(Path.Combine(factory.DataDirectory, "documents", opened["centreCode"]!.GetValue<string>(),
            Guid.Parse(caseId).ToString("N"), documentId)).Single(d => !Path.GetFileName(d).StartsWith('.'));
        byte[] altered = [.. original, .. "%% altered after sealing\n"u8.ToArray()];
        File.WriteAllBytes(Path.Combine(revisionFolder, "content"), altered);
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(revisionFolder, "meta.json")))!;
        metadata["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(altered));
        metadata["Length"] = altered.Length;
        File.WriteAllText(Path.Combine(revisionFolder, "meta.json"), metadata.ToJsonString());

        var refused = await _api.Anonymous().GetAsync(url);
        await ApiDriver.ProblemAsync(refused, HttpStatusCode.InternalServerError, "document-corrupted");
        await ApiDriver.ProblemAsync(await bank.GetAsync($"/api/v1/cases/{caseId}/documents/loan-contract"), HttpStatusCode.InternalServerError, "document-corrupted");
    }

    [Fact]
    public async Task A_link_to_a_revision_no_longer_stored_answers_410_gone_not_500()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var bank = await _api.AsAsync("bank");
        var link = (await (await bank.PostAsync($"/api/v1/cases/{caseId}/documents/loan-contract/link", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var url = link["url"]!.GetValue<string>();

        // The revision leaves the store (as a sweep of an uncommitted revision removes it) while the link is still valid.
        var documentId = opened["documents"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "loan-contract")!["documentId"]!.GetValue<string>();
        Directory.Delete(Path.Combine(factory.DataDirectory, "documents", opened["centreCode"]!.GetValue<string>(), Guid.Parse(caseId).ToString("N"), documentId), recursive: true);

        await ApiDriver.ProblemAsync(await _api.Anonymous().GetAsync(url), HttpStatusCode.Gone, "download-gone");
    }
}
