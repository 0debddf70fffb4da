using OneThing.Seal.Crypto.Algorithms;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Cms;

/// <summary>What checking one CMS SignerInfo established: the signer and the integrity, signature and binding checks.</summary>
public sealed record SignerInfoCheck(
    X509Certificate? SignerCertificate,
    string DigestAlgorithmOid,
    SignatureAlgorithm SignatureAlgorithm,
    CmsCheck Integrity,
    CmsCheck Signature,
    CmsCheck CertificateBinding,
    bool HasSigningCertificateV2,
    DateTimeOffset? SigningTimeAttribute);
