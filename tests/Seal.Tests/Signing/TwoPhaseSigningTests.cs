using System.Security.Cryptography;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.External;
using OneThing.Seal.Tests.Support;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace OneThing.Seal.Tests.Signing;

/// <summary>Prepare → external signature → complete, with keys made outside the Seal library (openssl, .NET).</summary>
public sealed class TwoPhaseSigningTests : IDisposable
{
    private readonly ServedPki _served = new();
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task An_openssl_key_signs_the_prepared_digest_and_the_result_validates()
    {
        var keyFile = _dir.File("phone.key");
        Run("openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", keyFile);
        Run("openssl", "ec", "-in", keyFile, "-pubout", "-out", _dir.File("phone.pub"));
        var publicKey = (AsymmetricKeyParameter)new PemReader(new StringReader(File.ReadAllText(_dir.File("phone.pub")))).ReadObject();
        var certificate = _served.Pki.IssueSignerCertificate("张三", "510603199001011231", publicKey);

        var signer = new ExternalSigner(_served.Pki.TimestampClient);
        var prepared = await signer.PrepareAsync(TestDocuments.WithSignatureFields(), new ExternalSignatureRequest
        {
            FieldName = "Borrower",
            SignerCertificate = certificate,
            Chain = _served.Pki.IssuingCa.Chain,
        }, CancellationToken.None);
        Assert.Equal(SHA256.HashData(prepared.SignedAttributes), prepared.DigestToSign);

        // The "phone": openssl signs the 32-byte digest with its own key (DER ECDSA signature).
        File.WriteAllBytes(_dir.File("digest.bin"), prepared.DigestToSign);
        Run("openssl", "pkeyutl", "-sign", "-inkey", keyFile, "-in", _dir.File("digest.bin"), "-out", _dir.File("sig.der"));
        var pdf = await signer.CompleteAsync(prepared.State, File.ReadAllBytes(_dir.File("sig.der")), certificate, CancellationToken.None);

        Validators.AssertPdfsigAllValid(pdf, _served.AnchorsPem, 1);
        var signers = new List<byte[]>();
        Assert.Equal(1, Validators.VerifyAllWithOpenSsl(pdf, _served.AnchorsPem, signers));
        // The CMS is signed by the certificate issued for the phone's key, as openssl finds it.
        Assert.Equal(certificate.GetEncoded(), Assert.Single(signers));
        Validators.QpdfCheck(pdf);
    }

    [Fact]
    public async Task A_dotnet_key_with_a_raw_r_s_signature_completes_and_a_wrong_value_is_refused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = ecdsa.ExportSubjectPublicKeyInfo();
        var certificate = _served.Pki.IssueSignerCertificate("李四", "510603199202022340", PublicKeyFactory.CreateKey(spki));
        var signer = new ExternalSigner(_served.Pki.TimestampClient);
        var pdf = await new PadesSigner(_served.Pki.TimestampClient).SignAsync(TestDocuments.WithSignatureFields(), new SignatureRequest { FieldName = "Borrower", Key = _served.Pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        var prepared = await signer.PrepareAsync(pdf, new ExternalSignatureRequest { FieldName = "CoBorrower1", SignerCertificate = certificate, Chain = _served.Pki.IssuingCa.Chain }, CancellationToken.None);

        var wrong = ecdsa.SignHash(SHA256.HashData("something else"u8.ToArray()), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var refused = await Assert.ThrowsAsync<SigningException>(() => signer.CompleteAsync(prepared.State, wrong, certificate, CancellationToken.None));
        Assert.Contains("does not verify", refused.Message);

        var value = ecdsa.SignHash(prepared.DigestToSign, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var signed = await signer.CompleteAsync(prepared.State, value, certificate, CancellationToken.None);
        Validators.AssertPdfsigAllValid(signed, _served.AnchorsPem, 2);
        Assert.Equal(2, Validators.VerifyAllWithOpenSsl(signed, _served.AnchorsPem));
    }

    private static void Run(string tool, params string[] args)
    {
        var result = ExternalTool.Run(tool, args);
        Assert.True(result.ExitCode == 0, $"{tool} failed: {result.Output}");
    }

    public void Dispose()
    {
        _served.Dispose();
        _dir.Dispose();
    }
}
