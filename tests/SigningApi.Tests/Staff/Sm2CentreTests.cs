using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.TrustServices;

namespace OneThing.SigningApi.Tests.Staff;

/// <summary>
/// One service, two centres of different algorithm families: Chengdu configured <c>sm2</c> signs its cases with the
/// SM2 PKI (SM2 with SM3 throughout, its GB/T 38540 seal applied with the centre seal), while Deyang's cases in the
/// same service stay ECDSA P-256 + SHA-256.
/// </summary>
public sealed class Sm2CentreTests(Sm2CentreTests.Factory factory) : IClassFixture<Sm2CentreTests.Factory>
{
    private const string Deyang = Sm2CentreSettings.Deyang;
    private const string Chengdu = Sm2CentreSettings.Chengdu;
    private const string ChengduCode = Sm2CentreSettings.ChengduCode;
    private const string ChengduOfficer = Sm2CentreSettings.ChengduOfficer;

    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => Sm2CentreSettings.With();
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_whole_case_of_the_sm2_centre_is_signed_and_sealed_in_sm2_while_the_other_centre_stays_ecdsa()
    {
        var sm2Pdf = await SignWholeCaseAsync(ChengduCase(), ChengduCode, ChengduOfficer);
        var ecdsaPdf = await SignWholeCaseAsync(ApiDriver.SampleCase(), ApiDriver.CentreCode, ApiDriver.OfficerId);

        var pkis = factory.Services.GetRequiredService<CentrePkis>();
        var sm2Root = factory.Services.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key).TrustAnchors;
        var sm2 = await PdfSignatureVerifier.Create().VerifyAsync(sm2Pdf, "chengdu.pdf", new VerificationRequest(new TrustAnchors(sm2Root)), CancellationToken.None);
        Assert.Equal(Verdict.Valid, sm2.Verdict);
        var signatures = sm2.Signatures.Where(s => s.Kind == SignatureKind.Signature).ToList();
        Assert.Equal(4, signatures.Count);
        Assert.All(signatures, s =>
        {
            Assert.Equal("SM2 with SM3", s.SignatureAlgorithm);
            Assert.Equal("SM3", s.Timestamp!.ImprintAlgorithm);
        });
        Assert.Equal("SM3", Assert.Single(sm2.Signatures, s => s.Kind == SignatureKind.DocumentTimestamp).DigestAlgorithm);
        var seal = Assert.Single(signatures, s => s.FieldName == "CentreSeal");
        Assert.Equal(PadesLevel.BLTA, seal.Level);
        Assert.Equal(Chengdu + "合同专用章", seal.ElectronicSeal!.Name);
        Assert.Contains(seal.Checks, c => c.Kind == CheckKind.ElectronicSeal);
        Assert.Contains(Chengdu, seal.Signer!.Subject, StringComparison.Ordinal);

        var ecdsa = await PdfSignatureVerifier.Create().VerifyAsync(ecdsaPdf, "deyang.pdf", new VerificationRequest(new TrustAnchors(factory.Pki.TrustAnchors)), CancellationToken.None);
        Assert.Equal(Verdict.Valid, ecdsa.Verdict);
        Assert.All(ecdsa.Signatures.Where(s => s.Kind == SignatureKind.Signature), s =>
        {
            Assert.Equal("SHA256", s.DigestAlgorithm);
            Assert.Equal("SHA256withECDSA", s.SignatureAlgorithm);
            Assert.Null(s.ElectronicSeal);
        });

        // Each document is trusted under its own family's root only; the service's verification trusts both.
        var crossed = await PdfSignatureVerifier.Create().VerifyAsync(sm2Pdf, "chengdu.pdf", new VerificationRequest(new TrustAnchors(factory.Pki.TrustAnchors)), CancellationToken.None);
        Assert.NotEqual(Verdict.Valid, crossed.Verdict);
        Assert.Equal(2, pkis.TrustAnchors.Count);
    }

    [Fact]
    public async Task The_sm2_pki_publishes_its_crls_and_ca_certificates_under_sm2()
    {
        var sm2 = factory.Services.GetRequiredKeyedService<ProductPki>(CentrePkis.Sm2Key);
        Assert.StartsWith("http://localhost/sm2", sm2.Urls.BaseUrl, StringComparison.Ordinal);
        var anonymous = _api.Anonymous();
        var crl = await anonymous.GetAsync("/sm2/pki/crl/issuing-ca.crl");
        Assert.Equal(HttpStatusCode.OK, crl.StatusCode);
        Assert.Equal(sm2.GetCrl("issuing-ca").GetEncoded(), await crl.Content.ReadAsByteArrayAsync());
        Assert.Equal(sm2.IssuingCa.Certificate.GetEncoded(), await anonymous.GetByteArrayAsync("/sm2/pki/ca/issuing-ca.crt"));
        Assert.NotEqual(factory.Pki.IssuingCa.Certificate.GetEncoded(), await anonymous.GetByteArrayAsync("/sm2/pki/ca/issuing-ca.crt"));
    }

    [Fact]
    public async Task Device_signing_is_refused_with_a_problem_for_the_sm2_centre()
    {
        var opened = await _api.OpenCaseAsync(ChengduCase());
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await _api.PrepareToSignAsync(borrower, caseId);

        var problem = await ApiDriver.ProblemAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/signing/challenge", null), HttpStatusCode.Conflict, "device-signing-not-for-sm2");
        Assert.Contains("SM2", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static JsonObject ChengduCase()
    {
        var contractCase = ApiDriver.SampleCase();
        contractCase["centre"]!["code"] = ChengduCode;
        contractCase["centre"]!["name"] = Chengdu;
        return contractCase;
    }

    private async Task<byte[]> SignWholeCaseAsync(JsonObject contractCase, string centreCode, string officerId)
    {
        var opened = await _api.OpenCaseAsync(contractCase);
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        foreach (var (name, id, phone) in new[] { ("王建国", "510603198804123574", "13881012345"), ("李秀兰", "510603199007232844", "13990267788") })
            await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(await _api.ApplicantAsync(application, name, id, phone), caseId), HttpStatusCode.OK);
        var officer = await _api.AsAsync("loan-officer", subject: officerId, centre: centreCode);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await (await _api.AsAsync("seal-officer", centre: centreCode)).PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        return await (await _api.AsAsync("bank")).GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
    }
}
