using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Cms;

/// <summary>What checking one CMS SignerInfo established: the signer and the integrity, signature and binding checks.</summary>
internal sealed record SignerInfoOutcome(
    X509Certificate? SignerCertificate,
    string DigestAlgorithmOid,
    SignatureAlgorithm SignatureAlgorithm,
    CheckResult Integrity,
    CheckResult Signature,
    CheckResult CertificateBinding,
    bool HasSigningCertificateV2,
    DateTimeOffset? SigningTimeAttribute)
{
    public bool IsIntactAndSigned => Integrity.Status == CheckStatus.Passed && Signature.Status == CheckStatus.Passed;
}
