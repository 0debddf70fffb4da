using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.ElectronicSeals;

/// <summary>
/// Checks the GB/T 38540 SES_Signature a PDF signature carries beside its CMS (<see cref="PdfSealSignature"/>): that its
/// dataHash is SM3 of the signed ranges minus itself, that the signer's and the seal maker's SM2 signatures verify,
/// that the seal lists the signer and that the signer is the CMS signer, that the seal maker's certificate chains to a
/// trusted root, and that the seal was valid when the signature was made.
/// </summary>
internal static class ElectronicSealValidator
{
    public static bool IsPresent(PdfDictionary signatureDictionary) => signatureDictionary.ContainsKey(PdfSealSignature.Key);

    public static (IReadOnlyList<CheckResult> Checks, ElectronicSealResult? Seal) Check(
        ReadOnlySpan<byte> file, IReadOnlyList<long> byteRange, PdfString? value, X509Certificate? cmsSigner,
        Func<X509Certificate, CertificatePath> buildPath, Func<X509Certificate, CertificateInfo> describe, DateTimeOffset validationTime)
    {
        const CheckKind kind = CheckKind.ElectronicSeal;
        if (value is null)
        {
            return ([CheckResult.Fail(kind, $"/{PdfSealSignature.Key} is not a string")], null);
        }
        var (start, end, problem) = PdfSealSignature.Locate(file, byteRange);
        if (problem is not null)
        {
            return ([CheckResult.Fail(kind, problem)], null);
        }
        SesSignature signature;
        try
        {
            var hex = file[(int)(start + 1)..(int)(end - 1)];
            var bytes = Convert.FromHexString(System.Text.Encoding.ASCII.GetString(hex).Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (!bytes.AsSpan().SequenceEqual(value.Bytes))
            {
                return ([CheckResult.Fail(kind, $"the /{PdfSealSignature.Key} string found in the file is not the dictionary's value")], null);
            }
            signature = SesReader.ReadSignature(PdfSealSignature.TrimPadding(bytes));
        }
        catch (Exception e) when (e is FormatException or SesFormatException)
        {
            return ([CheckResult.Fail(kind, "the SES_Signature cannot be read: " + e.Message)], null);
        }

        var checks = new List<CheckResult>();
        var digest = PdfSealSignature.Digest(file, PdfSealSignature.Segments(byteRange, start, end));
        checks.Add(PdfSealSignature.HashEquals(digest, signature.DataHash)
            ? CheckResult.Pass(kind, "dataHash is SM3 of the signed byte ranges (less the SES_Signature itself)")
            : CheckResult.Fail(kind, "dataHash does not match SM3 of the signed byte ranges: the document or the seal signature was changed"));
        foreach (var check in SesVerifier.Check(signature))
        {
            checks.Add(new CheckResult(kind, check.Passed ? CheckStatus.Passed : CheckStatus.Failed, $"{check.Name}: {check.Detail}"));
        }
        checks.Add(cmsSigner is not null && cmsSigner.GetEncoded().AsSpan().SequenceEqual(signature.SignerCertificate)
            ? CheckResult.Pass(kind, "the seal signature's signer is the CMS signer")
            : CheckResult.Fail(kind, "the seal signature's signer is not the CMS signer"));

        CertificateInfo? maker = null;
        try
        {
            var makerCertificate = new X509Certificate(signature.Seal.MakerCertificate);
            maker = describe(makerCertificate);
            var path = buildPath(makerCertificate);
            checks.Add(path.IsTrusted
                ? CheckResult.Pass(kind, $"the seal maker's certificate ({makerCertificate.SubjectDN}) chains to a trusted root")
                : CheckResult.Unknown(kind, $"the seal maker's certificate ({makerCertificate.SubjectDN}) is not trusted: {path.Check.Detail}"));
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or IOException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            checks.Add(CheckResult.Fail(kind, "the seal maker's certificate cannot be read"));
        }
        var seal = signature.Seal;
        checks.Add(validationTime >= seal.ValidStart && validationTime <= seal.ValidEnd
            ? CheckResult.Pass(kind, $"the seal was valid at {validationTime:u} ({seal.ValidStart:u} – {seal.ValidEnd:u})")
            : CheckResult.Fail(kind, $"the seal is valid {seal.ValidStart:u} – {seal.ValidEnd:u}, not at {validationTime:u}"));
        return (checks, new ElectronicSealResult
        {
            Version = signature.Version,
            Name = seal.Name,
            EsId = seal.EsId,
            Type = seal.Type,
            VendorId = seal.VendorId,
            ValidStart = seal.ValidStart,
            ValidEnd = seal.ValidEnd,
            SignedTime = signature.Time,
            Maker = maker,
        });
    }
}
