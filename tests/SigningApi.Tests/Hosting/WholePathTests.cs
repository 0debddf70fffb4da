using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Hosting;

/// <summary>
/// The whole path on embedded defaults: intake → both applicants verify and sign → the loan officer
/// countersigns → the seal officer seals; the sealed documents then pass pdfsig (every signature
/// intact, chain trusted) and qpdf, and the service's own verify endpoint.
/// </summary>
public sealed partial class WholePathTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private static readonly string[] StatesFromSealedOn =
        ["Sealed", "MortgageRegistrationRequested", "MortgageRegistered", "DisbursementRequested", "Disbursed", "Completed"];

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_case_goes_from_intake_to_sealed_documents_that_independent_validators_accept()
    {
        var opened = await _api.OpenCaseAsync();
        Assert.Equal("AwaitingSignatures", opened["status"]!.GetValue<string>());
        Assert.Equal(3, opened["documents"]!.AsArray().Count);

        var (caseId, _, officer, afterApplicants) = await _api.SignAndSealAsync(opened);
        Assert.Equal("AwaitingCountersign", afterApplicants);

        var view = await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}");
        // The workflow moves a sealed case on to mortgage registration within moments: Sealed or any later state.
        Assert.Contains(view!["status"]!.GetValue<string>(), StatesFromSealedOn);
        // rendered r1, two applicants r2-r3, countersign r4, seal r5 (the evidence report comes later, on completion)
        Assert.All(
            view["documents"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() != "evidence-report"),
            d => Assert.Equal(5, d!["revision"]!.GetValue<int>()));

        var timeline = await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases/{caseId}/timeline");
        var actions = timeline!.Select(t => t!["action"]!.GetValue<string>()).ToList();
        Assert.Equal("case-opened", actions[0]);
        Assert.Equal(2, actions.Count(a => a == "signer-signed"));
        Assert.True(actions.LastIndexOf("signer-signed") < actions.IndexOf("countersigned"));
        Assert.True(actions.IndexOf("countersigned") < actions.IndexOf("sealed"));

        using var nss = new TrustedNss(factory.Pki.RootCa.Certificate.GetEncoded());
        var bank = await _api.AsAsync("bank");
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" })
        {
            var pdf = await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/{kind}");
            var report = nss.Pdfsig(pdf);
            // Borrower, CoBorrower1, LoanOfficer, CentreSeal: each intact and chained to the centre's root.
            Assert.True(SignatureValid().Matches(report).Count >= 4, report);
            Assert.DoesNotMatch("Digest Mismatch|Signature is Invalid", report);
            foreach (var field in new[] { "Borrower", "CoBorrower1", "LoanOfficer", "CentreSeal" })
                Assert.Contains($"Signature Field Name: {field}", report);

            // Chain trust from openssl (pdfsig's certificate check wants live OCSP at the public URL, which a test host has not).
            var openssl = OpenSslSignatureCheck.VerifyAll(pdf, factory.Pki.RootCa.Certificate.GetEncoded());
            Assert.Equal(4, openssl.Count(o => o.Kind == "signature"));
            Assert.Equal(1, openssl.Count(o => o.Kind == "document-timestamp"));
            Assert.All(openssl, o => Assert.True(o.Verified, o.Output));
            Assert.NotEqual(2, nss.QpdfCheck(pdf));

            // Visible signatures: every signer's widget shows ink (handwriting, name, time); the seal's is red.
            foreach (var field in new[] { "Borrower", "CoBorrower1", "LoanOfficer" })
            {
                var widget = SignatureAppearanceCheck.Find(pdf, field);
                var ink = SignatureAppearanceCheck.InkPixelsIn(pdf, widget);
                Assert.True(ink > 150, $"{kind} {field}: {ink} pixels of ink in the widget");
            }
            var seal = SignatureAppearanceCheck.Find(pdf, "CentreSeal");
            var sealArea = Math.Abs((seal.Rect[2] - seal.Rect[0]) * (seal.Rect[3] - seal.Rect[1]));
            Assert.True(SignatureAppearanceCheck.RedPixelsIn(pdf, seal) > sealArea * 0.05, $"{kind}: the centre seal shows no red seal at page {seal.Page}");
            var borrowerWidget = SignatureAppearanceCheck.Find(pdf, "Borrower");
            Assert.Equal(0, SignatureAppearanceCheck.RedPixelsIn(pdf, borrowerWidget));

            var verify = await VerifyAsync(bank, pdf, $"{kind}.pdf");
            Assert.Equal("valid", verify["verdict"]!.ToString().ToLowerInvariant());
        }
    }

    private static async Task<JsonObject> VerifyAsync(HttpClient client, byte[] pdf, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        var response = await client.PostAsync("/api/v1/verify", form);
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [GeneratedRegex(@"Signature Validation: Signature is Valid\.")]
    private static partial Regex SignatureValid();
}
