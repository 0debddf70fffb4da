using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneThing.SigningApi.Tests.Support;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// Two-phase (on-device) signing: the applicant's key never leaves the device. The service certifies
/// the device's public key, prepares every document, and turns the device's signature values into
/// PAdES B-T signatures that pdfsig and openssl accept; the sign rules still hold.
/// </summary>
public sealed partial class DeviceSigningTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_device_key_signs_the_prepared_digests_and_the_documents_carry_a_valid_signature_for_its_certificate()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(device.ExportSubjectPublicKeyInfo());

        // The sign rules come first: no consent yet, no preparation.
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", new { publicKey }), HttpStatusCode.Conflict, "consent-required");
        await _api.PrepareToSignAsync(borrower, caseId);
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", new { publicKey = "bm90IGEga2V5" }), HttpStatusCode.BadRequest);

        var prepareResponse = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device));
        await ApiDriver.EnsureAsync(prepareResponse, HttpStatusCode.OK);
        var prepared = (await prepareResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var stateId = prepared["stateId"]!.GetValue<string>();
        var certificate = new X509Certificate(Convert.FromBase64String(prepared["certificate"]!.GetValue<string>()));
        // The certificate binds the applicant's identity to the device's own key.
        Assert.Equal(device.ExportSubjectPublicKeyInfo(), certificate.CertificateStructure.SubjectPublicKeyInfo.GetEncoded());
        Assert.Contains("王建国", certificate.SubjectDN.ToString());
        var documents = prepared["documents"]!.AsArray();
        Assert.Equal(3, documents.Count);
        foreach (var d in documents)
            Assert.Equal(SHA256.HashData(Convert.FromBase64String(d!["signedAttributes"]!.GetValue<string>())), Convert.FromBase64String(d["digestToSign"]!.GetValue<string>()));

        // A value from another key is refused and nothing is written.
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrong = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(stateId, documents, stranger));
        await ApiDriver.ProblemAsync(wrong, HttpStatusCode.BadRequest, "invalid-signature-value");
        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        var unchanged = (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!;
        Assert.All(unchanged["documents"]!.AsArray(), d => Assert.Equal(1, d!["revision"]!.GetValue<int>()));

        var complete = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(stateId, documents, device));
        await ApiDriver.EnsureAsync(complete, HttpStatusCode.OK);
        Assert.Equal("Borrower", (await complete.Content.ReadFromJsonAsync<JsonObject>())!["fieldName"]!.GetValue<string>());
        // The same state cannot sign twice.
        await ApiDriver.ProblemAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(stateId, documents, device)), HttpStatusCode.Conflict, "already-signed");

        using var nss = new TrustedNss(factory.Pki.RootCa.Certificate.GetEncoded());
        foreach (var kind in new[] { "loan-contract", "mortgage-contract", "deduction-authorization" })
        {
            var pdf = await officer.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/{kind}");
            var report = nss.Pdfsig(pdf);
            Assert.Contains("Signature Field Name: Borrower", report);
            Assert.Matches(SignatureValid(), report);
            Assert.DoesNotMatch("Digest Mismatch|Signature is Invalid", report);
            var openssl = OpenSslSignatureCheck.VerifyAll(pdf, factory.Pki.RootCa.Certificate.GetEncoded());
            var signature = Assert.Single(openssl);
            Assert.True(signature.Verified, signature.Output);
            // openssl's signer is the certificate prepared for the device key, not merely some certificate the CMS carries.
            Assert.Equal(certificate.GetEncoded(), signature.SignerCertificate);
            var ink = SignatureAppearanceCheck.InkPixelsIn(pdf, SignatureAppearanceCheck.Find(pdf, "Borrower"));
            Assert.True(ink > 150, $"{kind}: {ink} pixels of ink in the borrower's widget");
        }
    }

    [Fact]
    public async Task A_prepared_signature_is_void_once_the_documents_have_moved_on()
    {
        var opened = await _api.OpenCaseAsync(order: "sequential");
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        // The co-borrower's turn has not come, so intake sent them no link; the officer sends one early.
        var coBorrowerId = opened["parties"]!.AsArray().Single(p => p!["fieldName"]!.GetValue<string>() == "CoBorrower1")!["id"]!.GetValue<string>();
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/parties/{coBorrowerId}/invitation", null), HttpStatusCode.OK);
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", "13990267788");
        await _api.PrepareToSignAsync(coBorrower, caseId);
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = Convert.ToBase64String(device.ExportSubjectPublicKeyInfo());
        // Sequential order holds for prepare too.
        await ApiDriver.ProblemAsync(await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", new { publicKey }), HttpStatusCode.Conflict, "not-your-turn");

        // The borrower prepares on the device, then signs server-side instead: the prepared state is stale.
        await _api.PrepareToSignAsync(borrower, caseId);
        var prepared = (await (await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device))).Content.ReadFromJsonAsync<JsonObject>())!;
        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
        var late = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(prepared["stateId"]!.GetValue<string>(), prepared["documents"]!.AsArray(), device));
        await ApiDriver.ProblemAsync(late, HttpStatusCode.Conflict, "already-signed");

        // Another party cannot use someone else's state id.
        var co = (await (await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(coBorrower, caseId, device))).Content.ReadFromJsonAsync<JsonObject>())!;
        await ApiDriver.ProblemAsync(await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(prepared["stateId"]!.GetValue<string>(), co["documents"]!.AsArray(), device)), HttpStatusCode.Conflict, "signing-state-unknown");

        // Preparing again voids the earlier state; the new one completes.
        var again = (await (await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(coBorrower, caseId, device))).Content.ReadFromJsonAsync<JsonObject>())!;
        await ApiDriver.ProblemAsync(await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(co["stateId"]!.GetValue<string>(), co["documents"]!.AsArray(), device)), HttpStatusCode.Conflict, "signing-state-unknown");
        await ApiDriver.EnsureAsync(await coBorrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(again["stateId"]!.GetValue<string>(), again["documents"]!.AsArray(), device)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_null_signature_entry_is_a_400_on_its_path_and_the_prepared_state_still_completes()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await _api.PrepareToSignAsync(borrower, caseId);
        var prepared = (await (await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", await DeviceKeyProof.PrepareBodyAsync(borrower, caseId, device))).Content.ReadFromJsonAsync<JsonObject>())!;
        var stateId = prepared["stateId"]!.GetValue<string>();

        // A live state id, so the request gets as far as reading the entries.
        var response = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", new { stateId, signatures = new object?[] { null } });
        var problem = await ApiDriver.ProblemAsync(response, HttpStatusCode.BadRequest, "validation-failed");
        Assert.True(problem["errors"]!.AsObject().ContainsKey("signatures[0]"), problem.ToJsonString());

        await ApiDriver.EnsureAsync(await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", Values(stateId, prepared["documents"]!.AsArray(), device)), HttpStatusCode.OK);
    }

    private static object Values(string stateId, JsonArray documents, ECDsa key) => new
    {
        stateId,
        signatures = documents.Select(d => new
        {
            kind = d!["kind"]!.GetValue<string>(),
            signatureValue = Convert.ToBase64String(key.SignHash(Convert.FromBase64String(d["digestToSign"]!.GetValue<string>()), DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
        }).ToArray(),
    };

    [GeneratedRegex(@"Signature Validation: Signature is Valid\.")]
    private static partial Regex SignatureValid();
}
