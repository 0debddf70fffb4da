using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;
using TempDirectory = OneThing.Seal.Tests.Pki.Support.TempDirectory;

namespace OneThing.Seal.Tests.Sm2;

/// <summary>A contract signed by all parties and sealed to B-LTA with the SM2 PKI: standard SM2 values, verified by the product.</summary>
public sealed class Sm2SigningTests : IDisposable
{
    private const string Sm2SignOid = "1.2.156.10197.1.301.1";
    private readonly ServedPki _served = new(port => ProductPki.CreateInMemory(new PkiOptions { BaseUrl = ServedPki.BaseUrl(port), KeyAlgorithm = KeyAlgorithm.Sm2 }), OneThing.Seal.Tests.Pki.Support.LocalHttpServer.FreePort());
    private readonly TempDirectory _dir = new();
    private ProductPki Pki => _served.Pki;

    [Fact]
    public async Task A_contract_sealed_with_sm2_keys_reaches_b_lta_and_the_report_names_sm2_with_sm3()
    {
        var report = await VerifierHarness.VerifyAsync(await SealedContractAsync(), _served.AnchorsPem);

        Assert.Equal(Verdict.Valid, report.Verdict);
        Assert.Empty(report.Problems);
        var signatures = report.Signatures.Where(s => s.Kind != SignatureKind.DocumentTimestamp).ToList();
        Assert.Equal(4, signatures.Count);
        Assert.All(signatures, s =>
        {
            Assert.True(s.IsValid, string.Join("; ", s.Checks.Select(c => c.Detail)));
            Assert.Equal(PadesLevel.BLTA, s.Level);
            Assert.Equal("SM3", s.DigestAlgorithm);
            Assert.Equal("SM2 with SM3", s.SignatureAlgorithm);
        });
        var timestamp = Assert.Single(report.Signatures, s => s.Kind == SignatureKind.DocumentTimestamp);
        Assert.Equal(CheckStatus.Passed, timestamp.Check(CheckKind.DocumentTimestamp).Status);
        Assert.Contains("SM2 with SM3", TextReportWriter.Write(report));
    }

    [Fact]
    public async Task Every_signature_is_cms_with_sm3_and_sm2_oids_and_openssl_verifies_each_sm2_value_over_the_signed_attributes()
    {
        var pdf = await SealedContractAsync();
        var cmsSignatures = Validators.SignaturesOf(pdf).Where(s => s.SubFilter == "ETSI.CAdES.detached").ToList();
        Assert.Equal(4, cmsSignatures.Count);
        foreach (var (_, contents, signed) in cmsSignatures)
        {
            var signedData = SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(contents)).Content);
            var signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
            Assert.Equal(DigestAlgorithms.Sm3, signerInfo.DigestAlgorithm.Algorithm.Id);
            Assert.Equal(Sm2SignOid, signerInfo.SignatureAlgorithm.Algorithm.Id);
            Assert.Equal(DigestAlgorithms.Sm3, Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(signedData.DigestAlgorithms[0]).Algorithm.Id);
            var serial = IssuerAndSerialNumber.GetInstance(signerInfo.SignerID.ID).SerialNumber.Value;
            var signer = signedData.Certificates.ToArray().Select(c => new X509Certificate(Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(c)))
                .Single(c => c.SerialNumber.Equals(serial));
            var messageDigest = Asn1OctetString.GetInstance(signerInfo.SignedAttrs.ToArray().Select(Org.BouncyCastle.Asn1.Cms.Attribute.GetInstance)
                .Single(a => a.AttrType.Id == "1.2.840.113549.1.9.4").AttrValues[0]).GetOctets();
            Assert.Equal(DigestAlgorithms.Hash(DigestAlgorithms.Sm3Name, signed), messageDigest);
            Assert.Equal(OpenSslSm3(signed), messageDigest);

            var attributes = signerInfo.SignedAttrs.GetEncoded(Asn1Encodable.Der);
            var value = signerInfo.Signature.GetOctets();
            Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, signer, attributes, value), $"openssl rejected the SM2 value of {signer.SubjectDN}");
            attributes[^1] ^= 1;
            Assert.False(Sm2OpenSsl.VerifySignatureValue(_dir, signer, attributes, value));
        }
    }

    [Fact]
    public async Task The_signature_timestamps_come_from_the_sm2_tsa_and_openssl_verifies_their_signature_values()
    {
        var pdf = await SealedContractAsync();
        var (_, contents, _) = Validators.SignaturesOf(pdf).First(s => s.SubFilter == "ETSI.CAdES.detached");
        var (_, token) = Validators.SignatureTimestampOf(contents);
        var tokenData = SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(token!)).Content);
        var tsaSigner = SignerInfo.GetInstance(tokenData.SignerInfos[0]);

        Assert.Equal(DigestAlgorithms.Sm3, tsaSigner.DigestAlgorithm.Algorithm.Id);
        Assert.True(Sm2OpenSsl.VerifySignatureValue(_dir, Pki.TimestampAuthorityKey.Certificate, tsaSigner.SignedAttrs.GetEncoded(Asn1Encodable.Der), tsaSigner.Signature.GetOctets()));
    }

    [Fact]
    public async Task Signature_and_document_timestamps_of_the_sm2_family_imprint_sm3_as_openssl_computes_it()
    {
        var pdf = await SealedContractAsync();
        foreach (var (subFilter, contents, signed) in Validators.SignaturesOf(pdf))
        {
            byte[] token, imprinted;
            if (subFilter == "ETSI.RFC3161")
            {
                (token, imprinted) = (contents, signed);
            }
            else
            {
                var (signatureValue, signatureToken) = Validators.SignatureTimestampOf(contents);
                (token, imprinted) = (signatureToken!, signatureValue);
            }
            var info = Org.BouncyCastle.Asn1.Tsp.TstInfo.GetInstance(Asn1Object.FromByteArray(Asn1OctetString.GetInstance(
                ContentInfo.GetInstance(SignedData.GetInstance(ContentInfo.GetInstance(Asn1Object.FromByteArray(token)).Content).EncapContentInfo).Content).GetOctets()));
            Assert.Equal(DigestAlgorithms.Sm3, info.MessageImprint.HashAlgorithm.Algorithm.Id);
            Assert.Equal(OpenSslSm3(imprinted), info.MessageImprint.GetHashedMessage());
        }
    }

    [Fact]
    public async Task One_flipped_byte_in_an_sm2_signed_range_fails_the_sm3_digest_check()
    {
        var report = await VerifierHarness.VerifyAsync(Tamper.FlipByteInPageContent(await SealedContractAsync()), _served.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures.Where(s => s.Kind != SignatureKind.DocumentTimestamp), s =>
            Assert.Contains("SM3 of the signed bytes does not match", s.Check(CheckKind.Integrity).Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sm2_contract_is_not_trusted_under_an_ecdsa_root()
    {
        using var other = ProductPki.CreateInMemory();
        var report = await VerifierHarness.VerifyAsync(await SealedContractAsync(), PemCertificates.Of(other.TrustAnchors));

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures.Where(s => s.Kind != SignatureKind.DocumentTimestamp), s =>
            Assert.Equal(CheckStatus.Failed, s.Check(CheckKind.CertificateChain).Status));
    }

    private async Task<byte[]> SealedContractAsync()
    {
        var signer = new PadesSigner(Pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 2);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "Borrower", Key = Pki.IssueSignerKey("张三", "510603199001011231") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CoBorrower1", Key = Pki.IssueSignerKey("李四", "510603199202022340") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = Pki.Officers[0].Key }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = Pki.Seals[0].Key, LockAllFields = true }, CancellationToken.None);
        return await LongTermValidation.For(Pki).ExtendAsync(pdf, Pki.IssuingCa.Chain, CancellationToken.None);
    }

    private byte[] OpenSslSm3(byte[] data)
    {
        var output = OneThing.Seal.Tests.Pki.Support.ExternalTool.Succeed("openssl", "dgst", "-sm3", "-r", _dir.WriteBytes($"{Guid.NewGuid():N}.bin", data));
        return Convert.FromHexString(output.Split(' ')[0]);
    }

    public void Dispose()
    {
        _served.Dispose();
        _dir.Dispose();
    }
}
