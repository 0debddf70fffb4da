using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;
using OneThing.Seal.Verification.Trust;
using OneThing.SigningApi.Tests.Support;
using OneThing.SigningApi.Verification;

namespace OneThing.SigningApi.Tests.Verification;

/// <summary>
/// The service answers revocation questions only about certificates its own CAs issued: a look-alike PKI
/// (same CA names, other keys, as a second development PKI is) gets no answer, so the service never vouches for it.
/// </summary>
public sealed class OwnRevocationEvidenceTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    [Fact]
    public async Task Own_certificates_get_an_ocsp_answer_and_a_crl_and_a_look_alike_cas_get_nothing()
    {
        var evidence = factory.Services.GetRequiredService<OwnRevocationEvidence>();
        using var own = factory.Pki.IssueSignerKey("王建国", "510603198804123574");
        var material = new ValidationMaterial();
        Assert.Empty(await evidence.FetchAsync(own.Certificate, factory.Pki.IssuingCa.Certificate, material, CancellationToken.None));
        Assert.Single(material.OcspResponses);
        Assert.Single(material.Crls);

        using var lookAlike = ProductPki.CreateInMemory();
        Assert.True(lookAlike.IssuingCa.Certificate.SubjectDN.Equivalent(factory.Pki.IssuingCa.Certificate.SubjectDN));
        using var foreign = lookAlike.IssueSignerKey("王建国", "510603198804123574");
        var untouched = new ValidationMaterial();
        // Named under the service's own issuing CA, and presented with it: the signature does not verify, so no answer.
        var notes = await evidence.FetchAsync(foreign.Certificate, factory.Pki.IssuingCa.Certificate, untouched, CancellationToken.None);
        Assert.Contains("not issued by this service's CAs", notes);
        notes = await evidence.FetchAsync(foreign.Certificate, lookAlike.IssuingCa.Certificate, untouched, CancellationToken.None);
        Assert.Contains("not issued by this service's CAs", notes);
        Assert.Empty(untouched.OcspResponses);
        Assert.Empty(untouched.Crls);
    }
}
