using System.Security.Cryptography;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// Checks one CMS SignerInfo with the verifier's caches (<see cref="SignerInfoChecker"/>) and names each
/// check as the report does: integrity, CMS signature value, signing-certificate binding.
/// </summary>
internal static class SignerInfoVerifier
{
    public const string SigningCertificateV2Oid = SignerInfoChecker.SigningCertificateV2Oid;
    public const string SigningCertificateOid = SignerInfoChecker.SigningCertificateOid;

    /// <param name="contentDigest">Computes the digest of the signed content with the SignerInfo's algorithm.</param>
    /// <param name="expectedContentType">The eContentType the content-type attribute must name (id-data for PDF, id-ct-TSTInfo for tokens).</param>
    /// <param name="cache">The verifier's caches of imported keys and certificate facts (null: nothing reused).</param>
    public static SignerInfoOutcome Verify(
        SignerInfoParts signer,
        IReadOnlyList<X509Certificate> certificates,
        Func<HashAlgorithmName, byte[]> contentDigest,
        string expectedContentType,
        SignatureCheckCache? cache = null)
    {
        var check = SignerInfoChecker.Verify(signer, certificates, contentDigest, expectedContentType, cache?.Keys, cache?.Facts);
        return new(check.SignerCertificate, check.DigestAlgorithmOid, check.SignatureAlgorithm,
            Result(CheckKind.Integrity, check.Integrity),
            Result(CheckKind.CmsSignature, check.Signature),
            Result(CheckKind.SigningCertificateBinding, check.CertificateBinding),
            check.HasSigningCertificateV2, check.SigningTimeAttribute);
    }

    private static CheckResult Result(CheckKind kind, CmsCheck check) => new(kind, check.Status switch
    {
        CmsCheckStatus.Passed => CheckStatus.Passed,
        CmsCheckStatus.Failed => CheckStatus.Failed,
        CmsCheckStatus.Indeterminate => CheckStatus.Indeterminate,
        _ => CheckStatus.NotApplicable,
    }, check.Detail);
}
