using OneThing.Seal.Signing;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Signing;

/// <summary>PAdES B-T signatures into pre-made fields, checked by pdfsig, openssl and qpdf.</summary>
public sealed class BtSigningTests
{
    private readonly TestPki _pki = new();

    [Fact]
    public async Task Four_successive_signatures_are_each_valid_trusted_and_timestamped()
    {
        var tsa = _pki.NewTimestampAuthority();
        var signer = new PadesSigner(tsa);
        var pdf = TestDocuments.WithSignatureFields();
        var count = 0;
        foreach (var field in TestDocuments.ContractFields)
        {
            pdf = await signer.SignAsync(pdf, new SignatureRequest
            {
                FieldName = field,
                Key = _pki.NewSigner(field + " Signer"),
                LockAllFields = field == "CentreSeal",
            }, CancellationToken.None);
            count++;
            // Every earlier signature must still be intact after each new revision.
            Validators.AssertPdfsigAllValid(pdf, _pki.RootPem, count);
            Assert.Equal(count, Validators.VerifyAllWithOpenSsl(pdf, _pki.RootPem));
        }
        Validators.QpdfCheck(pdf);
        if (Environment.GetEnvironmentVariable("SEAL_TEST_DUMP") is { } dump)
        {
            File.WriteAllBytes(Path.Combine(dump, "bt.pdf"), pdf);
            File.WriteAllText(Path.Combine(dump, "ca.pem"), _pki.RootPem);
        }
    }
}
