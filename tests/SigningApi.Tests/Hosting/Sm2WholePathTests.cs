using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.Seal.Pki.Keys;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>The service with an SM2 PKI (<c>Pki:KeyAlgorithm Sm2</c>).</summary>
public sealed class Sm2SigningApiFactory : SigningApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Pki:KeyAlgorithm"] = "Sm2" };
}

/// <summary>A whole case through the API with the SM2 family: every signature in every document is SM2 with SM3, and the service's verifier accepts them.</summary>
public sealed class Sm2WholePathTests(Sm2SigningApiFactory factory) : IClassFixture<Sm2SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_case_under_an_sm2_pki_is_signed_countersigned_and_sealed_with_sm2_throughout()
    {
        Assert.Equal(KeyAlgorithm.Sm2, factory.Pki.KeyAlgorithm);
        var caseId = (await _api.SignAndSealAsync(await _api.OpenCaseAsync())).CaseId;

        var bank = await _api.AsAsync("bank");
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" })
        {
            var pdf = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/{kind}");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", $"{kind}.pdf");
            var response = await bank.PostAsync("/api/v1/verify", form);
            await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
            var report = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

            Assert.Equal("valid", report["verdict"]!.ToString().ToLowerInvariant());
            var signatures = report["signatures"]!.AsArray().Where(s => s!["signatureAlgorithm"] is not null && s["kind"]?.ToString() != "DocumentTimestamp").ToList();
            Assert.True(signatures.Count >= 4, $"{kind}: {signatures.Count} signatures");
            Assert.All(signatures, s =>
            {
                Assert.Equal("SM2 with SM3", s!["signatureAlgorithm"]!.GetValue<string>());
                Assert.Equal("SM3", s["digestAlgorithm"]!.GetValue<string>());
            });
        }
    }
}
