using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Pki.Support;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>The centre seal made with a non-extractable key inside SoftHSM2 passes the same independent checks.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed class HsmSealTests(SoftHsmToken hsm) : IDisposable
{
    private readonly ServedPki _served = new();

    [Fact]
    public async Task A_seal_signed_in_SoftHSM2_is_valid_trusted_and_timestamped_at_B_LTA()
    {
        Assert.True(File.Exists(hsm.ConfigPath));
        var pki = _served.Pki;
        using var module = Pkcs11Module.Load(SoftHsmToken.Library);
        var tokenKey = module.GetToken("keys", SoftHsmToken.UserPin).GenerateKeyPair($"seal-{Guid.NewGuid():N}", KeyAlgorithm.EcdsaP256);
        var certificate = pki.IssuingCa.Issue(CertificateProfiles.CentreSeal, SubjectNames.CentreSeal("德阳市住房公积金管理中心", "5106000000009"), tokenKey.PublicKey);
        var sealKey = new CertifiedSigningKey(tokenKey, certificate, pki.IssuingCa.Chain);

        var signer = new PadesSigner(pki.TimestampClient);
        var pdf = await signer.SignAsync(TestDocuments.WithSignatureFields(pages: 10), new SignatureRequest { FieldName = "Borrower", Key = pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest
        {
            FieldName = "CentreSeal",
            Key = sealKey,
            LockAllFields = true,
            Appearance = new CentreSealAppearance("德阳市住房公积金管理中心", "5106000000009"),
        }, CancellationToken.None);
        pdf = await new LongTermValidation(pki.RevocationSource, pki.TimestampClient).ExtendAsync(pdf, pki.IssuingCa.Chain, CancellationToken.None);

        Validators.AssertPdfsigAllValid(pdf, _served.AnchorsPem, 2);
        Assert.Equal(3, Validators.VerifyAllWithOpenSsl(pdf, _served.AnchorsPem));
        Validators.QpdfCheck(pdf);
    }

    public void Dispose() => _served.Dispose();
}
