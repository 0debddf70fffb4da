using Microsoft.Extensions.Options;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Verification;

/// <summary>
/// Revocation data without nextUpdate (RFC 6960 §4.2.2.1, RFC 5280 §5.1.2.5) vouches only for the time
/// it was produced: it must not cover a validation time long after, when the certificate may have been revoked.
/// </summary>
public sealed class RevocationFreshnessTests
{
    private static readonly DateTime ThisUpdate = new DateTime(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddDays(-60);
    private readonly TestPki _pki = new("Revocation Test Root CA");
    private readonly X509Certificate _leaf;

    public RevocationFreshnessTests() => _leaf = _pki.Issue("Revocation Test Signer", _pki.NewEcKey().Public);

    [Fact]
    public async Task An_ocsp_response_without_next_update_does_not_cover_a_time_well_after_it()
    {
        var material = new ValidationMaterial();
        material.AddOcsp(GoodOcsp(nextUpdate: null));

        var result = await Check(material, new DateTimeOffset(ThisUpdate).AddDays(30));

        Assert.Equal(CheckStatus.Indeterminate, result.Status);
        Assert.Contains("has no nextUpdate", result.Detail);
    }

    [Fact]
    public async Task An_ocsp_response_without_next_update_covers_its_own_time()
    {
        var material = new ValidationMaterial();
        material.AddOcsp(GoodOcsp(nextUpdate: null));

        var result = await Check(material, new DateTimeOffset(ThisUpdate));

        Assert.Equal(CheckStatus.Passed, result.Status);
    }

    [Fact]
    public async Task An_ocsp_response_with_next_update_covers_times_up_to_it()
    {
        var material = new ValidationMaterial();
        material.AddOcsp(GoodOcsp(nextUpdate: ThisUpdate.AddDays(40)));

        var result = await Check(material, new DateTimeOffset(ThisUpdate).AddDays(30));

        Assert.Equal(CheckStatus.Passed, result.Status);
    }

    [Fact]
    public async Task A_crl_without_next_update_does_not_cover_a_time_well_after_it()
    {
        var material = new ValidationMaterial();
        material.AddCrl(EmptyCrl());

        var late = await Check(material, new DateTimeOffset(ThisUpdate).AddDays(30));
        var atThisUpdate = await Check(material, new DateTimeOffset(ThisUpdate));

        Assert.Equal(CheckStatus.Indeterminate, late.Status);
        Assert.Contains("has no nextUpdate", late.Detail);
        Assert.Equal(CheckStatus.Passed, atThisUpdate.Status);
    }

    private Task<CheckResult> Check(ValidationMaterial material, DateTimeOffset provenAt)
    {
        var options = Options.Create(new VerificationOptions());
        var checker = new RevocationChecker(new SignatureCheckCache(options), options);
        var path = new CertificatePath([_leaf, _pki.Root], CheckResult.Pass(CheckKind.CertificateChain, "test path"));
        return checker.CheckPathAsync(path, provenAt, timeIsProven: true, material, fetcher: null, CancellationToken.None);
    }

    private BasicOcspResp GoodOcsp(DateTime? nextUpdate)
    {
        var generator = new BasicOcspRespGenerator(new RespID(_pki.Root.SubjectDN));
        generator.AddResponse(new CertificateID(CertificateID.DigestSha1, _pki.Root, _leaf.SerialNumber), CertificateStatus.Good, ThisUpdate, nextUpdate, null);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _pki.RootKey.Private), null, ThisUpdate);
    }

    private X509Crl EmptyCrl()
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(_pki.Root.SubjectDN);
        generator.SetThisUpdate(ThisUpdate);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", _pki.RootKey.Private));
    }
}
