using System.Security.Cryptography;
using System.Text.RegularExpressions;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Pkcs;
using ContentInfo = Org.BouncyCastle.Asn1.Cms.ContentInfo;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace OneThing.Seal.Tests.Support;

/// <summary>The independent validators: pdfsig (NSS db trusting the anchors), openssl cms/ts, qpdf.</summary>
public static partial class Validators
{
    /// <summary>Runs pdfsig with <paramref name="anchorsPem"/> trusted and returns its text.</summary>
    public static string Pdfsig(byte[] pdf, string anchorsPem)
    {
        using var dir = new TempDirectory();
        var db = dir.File("nss");
        Directory.CreateDirectory(db);
        Check(ExternalTool.Run("certutil", ["-N", "-d", "sql:" + db, "--empty-password"]), "certutil -N");
        var pems = Regex.Matches(anchorsPem, "-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", RegexOptions.Singleline);
        for (var i = 0; i < pems.Count; i++)
        {
            var file = dir.File($"ca{i}.pem");
            File.WriteAllText(file, pems[i].Value + "\n");
            Check(ExternalTool.Run("certutil", ["-A", "-d", "sql:" + db, "-n", $"ca{i}", "-t", "CT,C,C", "-i", file]), "certutil -A");
        }
        var path = dir.File("doc.pdf");
        File.WriteAllBytes(path, pdf);
        return ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + db, path]).Output;
    }

    /// <summary>Asserts pdfsig reports exactly <paramref name="expectedSignatures"/> signatures (including document timestamps it lists), each valid and trusted.</summary>
    public static void AssertPdfsigAllValid(byte[] pdf, string anchorsPem, int expectedCmsSignatures)
    {
        var text = Pdfsig(pdf, anchorsPem);
        var valid = Regex.Matches(text, "Signature Validation: Signature is Valid\\.").Count;
        var trusted = Regex.Matches(text, "Certificate Validation: Certificate is Trusted\\.").Count;
        Assert.True(valid >= expectedCmsSignatures && trusted >= expectedCmsSignatures && !text.Contains("Digest Mismatch"),
            $"pdfsig expected {expectedCmsSignatures} valid+trusted signatures:\n{text}");
    }

    public static int QpdfCheck(byte[] pdf)
    {
        using var dir = new TempDirectory();
        var path = dir.File("doc.pdf");
        File.WriteAllBytes(path, pdf);
        var result = ExternalTool.Run("qpdf", ["--check", path]);
        Assert.True(result.ExitCode is 0 or 3, "qpdf --check failed:\n" + result.Output);
        return result.ExitCode;
    }

    /// <summary>For every signature field value: `openssl cms -verify` over the signed ranges, and `openssl ts -verify` of the signature/document timestamp.</summary>
    public static int VerifyAllWithOpenSsl(byte[] pdf, string anchorsPem) => VerifyAllWithOpenSsl(pdf, anchorsPem, signers: null);

    /// <summary>As <see cref="VerifyAllWithOpenSsl(byte[], string)"/>, and collects the certificate openssl found each CMS signed by (DER, file order).</summary>
    public static int VerifyAllWithOpenSsl(byte[] pdf, string anchorsPem, List<byte[]>? signers)
    {
        using var dir = new TempDirectory();
        var ca = dir.File("ca.pem");
        File.WriteAllText(ca, anchorsPem);
        var count = 0;
        foreach (var (subFilter, contents, signed) in SignaturesOf(pdf))
        {
            count++;
            var der = dir.File($"sig{count}.der");
            var content = dir.File($"content{count}.bin");
            File.WriteAllBytes(der, contents);
            File.WriteAllBytes(content, signed);
            if (subFilter == "ETSI.RFC3161")
            {
                var digest = Convert.ToHexString(SHA256.HashData(signed));
                Check(ExternalTool.Run("openssl", ["ts", "-verify", "-digest", digest, "-in", der, "-token_in", "-CAfile", ca]), $"openssl ts -verify (document timestamp {count})");
                continue;
            }
            var signerPem = dir.File($"signer{count}.pem");
            Check(ExternalTool.Run("openssl", ["cms", "-verify", "-binary", "-inform", "DER", "-in", der, "-content", content, "-CAfile", ca, "-purpose", "any", "-out", "/dev/null", "-signer", signerPem]), $"openssl cms -verify (signature {count})");
            signers?.Add(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(signerPem)).RawData);
            var (signatureValue, token) = SignatureTimestampOf(contents);
            Assert.True(token is not null, $"signature {count} has no signature timestamp (not B-T)");
            var tst = dir.File($"tst{count}.der");
            File.WriteAllBytes(tst, token!);
            Check(ExternalTool.Run("openssl", ["ts", "-verify", "-digest", Convert.ToHexString(SHA256.HashData(signatureValue)), "-in", tst, "-token_in", "-CAfile", ca]), $"openssl ts -verify (signature timestamp {count})");
        }
        return count;
    }

    /// <summary>Each signature's /SubFilter, /Contents (trimmed DER) and signed bytes, in file order.</summary>
    public static IEnumerable<(string SubFilter, byte[] Contents, byte[] Signed)> SignaturesOf(byte[] pdf)
    {
        var reader = PdfDocumentReader.Open(pdf);
        var result = new List<(string, byte[], byte[])>();
        foreach (var number in reader.Entries.Keys.Order())
        {
            if (reader.GetObject(number, reader.Entries[number].Kind == OneThing.Seal.Pdf.Xref.XrefEntryKind.InUse ? reader.Entries[number].Generation : 0) is not PdfDictionary d
                || d["ByteRange"] is not PdfArray br || d["Contents"] is not PdfString contents)
            {
                continue;
            }
            var r = br.Select(x => (int)((PdfInteger)x).Value).ToArray();
            var signed = new byte[r[1] + r[3]];
            Array.Copy(pdf, r[0], signed, 0, r[1]);
            Array.Copy(pdf, r[2], signed, r[1], r[3]);
            result.Add((d.GetName("SubFilter")!.Value, TrimToDer(contents.Bytes), signed));
        }
        return result;
    }

    public static (byte[] SignatureValue, byte[]? Token) SignatureTimestampOf(byte[] cms)
    {
        var contentInfo = ContentInfo.GetInstance(Asn1Object.FromByteArray(cms));
        var signedData = SignedData.GetInstance(contentInfo.Content);
        var signerInfo = SignerInfo.GetInstance(signedData.SignerInfos[0]);
        byte[]? token = null;
        if (signerInfo.UnsignedAttrs is { } unsigned)
        {
            foreach (var a in unsigned)
            {
                var attribute = Org.BouncyCastle.Asn1.Cms.Attribute.GetInstance(a);
                if (attribute.AttrType.Equals(PkcsObjectIdentifiers.IdAASignatureTimeStampToken))
                {
                    token = attribute.AttrValues[0].GetEncoded(Asn1Encodable.Der);
                }
            }
        }
        return (signerInfo.Signature.GetOctets(), token);
    }

    private static byte[] TrimToDer(byte[] padded)
    {
        using var stream = new Asn1InputStream(padded);
        return stream.ReadObject().GetEncoded(Asn1Encodable.Der);
    }

    private static void Check(ToolResult result, string what) =>
        Assert.True(result.ExitCode == 0, $"{what} failed (exit {result.ExitCode}):\n{result.Output}");
}
