using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Timestamps;

/// <summary>The token's checks, and the TSA path for callers that need it.</summary>
public sealed record TimestampOutcome(TimestampResult Result, CertificatePath? Path)
{
    public bool IsValid => Result.IsValid;
}

/// <summary>
/// Validates an RFC 3161 token: the imprint is the hash of what it claims to timestamp, the token's
/// CMS signature and ESS binding hold, the TSA certificate carries the critical timeStamping EKU
/// and chains to a trust anchor at the token's time, and is not revoked. The token is read as
/// <see cref="SignedDataParts"/> (no BouncyCastle TimeStampToken graph); the structural rules
/// TimeStampToken enforced (one signer, TSTInfo content, an ESS signing-certificate attribute) are kept.
/// </summary>
public sealed class TimestampTokenVerifier(CertificatePathBuilder paths, RevocationChecker revocation, SignatureCheckCache cache, ParsedObjectCache parsed)
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";

    /// <param name="imprintOf">Hash of the timestamped data with the algorithm the token names.</param>
    /// <param name="imprintKind">The check kind under which the imprint comparison is reported.</param>
    /// <param name="imprintSubject">What was timestamped, for the report ("the signature value", "the signed byte ranges").</param>
    public async Task<TimestampOutcome> VerifyAsync(
        ReadOnlyMemory<byte> tokenDer, Func<HashAlgorithmName, byte[]> imprintOf, CheckKind imprintKind, string imprintSubject,
        ValidationMaterial material, TrustAnchors anchors, IRevocationFetcher? fetcher, CancellationToken cancellationToken)
    {
        SignedDataParts token;
        try
        {
            token = CmsSignedDataReader.Read(tokenDer);
        }
        catch (FormatException e)
        {
            return Malformed(imprintKind, e.Message);
        }
        return await VerifyAsync(token, imprintOf, imprintKind, imprintSubject, material, anchors, fetcher, cancellationToken);
    }

    /// <summary>Validates a token already read as CMS (a document timestamp's /Contents).</summary>
    public async Task<TimestampOutcome> VerifyAsync(
        SignedDataParts token, Func<HashAlgorithmName, byte[]> imprintOf, CheckKind imprintKind, string imprintSubject,
        ValidationMaterial material, TrustAnchors anchors, IRevocationFetcher? fetcher, CancellationToken cancellationToken)
    {
        if (token.Signers.Count != 1)
        {
            return Malformed(imprintKind, $"the token has {token.Signers.Count} signers; it must have exactly the TSA's");
        }
        if (token.EncapsulatedContentType != TstInfoContentType || token.EncapsulatedContent is null)
        {
            return Malformed(imprintKind, "the token's content is not a TSTInfo");
        }
        var signer = token.Signers[0];
        if (signer.Signed(SignerInfoVerifier.SigningCertificateV2Oid) is null && signer.Signed(SignerInfoVerifier.SigningCertificateOid) is null)
        {
            return Malformed(imprintKind, "no signing-certificate attribute: the token does not bind its TSA certificate (RFC 3161)");
        }
        TstInfoParts info;
        List<X509Certificate> tokenCertificates;
        try
        {
            info = TstInfoReader.Read(token.EncapsulatedContent);
            tokenCertificates = token.Certificates.Select(c => parsed.Certificate(c.Span)).ToList();
        }
        catch (FormatException e)
        {
            return Malformed(imprintKind, e.Message);
        }

        var genTime = info.GenTime;
        var checks = new List<CheckResult>(8);
        var imprintOid = info.ImprintAlgorithmOid;
        var imprintHash = DigestAlgorithms.FromOid(imprintOid);
        if (imprintHash is null || !DigestAlgorithms.IsStrongForContent(imprintOid))
        {
            checks.Add(CheckResult.Fail(imprintKind, $"timestamp imprint algorithm {DigestAlgorithms.Name(imprintOid)} is not accepted"));
        }
        else
        {
            checks.Add(CryptographicOperations.FixedTimeEquals(imprintOf(imprintHash.Value), info.ImprintDigest)
                ? CheckResult.Pass(imprintKind, $"token of {genTime:u} imprints {imprintSubject} ({imprintHash.Value.Name})")
                : CheckResult.Fail(imprintKind, $"the token's imprint is not the {imprintHash.Value.Name} of {imprintSubject}: it timestamps something else"));
        }
        if (genTime > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            checks.Add(CheckResult.Fail(CheckKind.SigningTime, $"the token's time {genTime:u} is in the future"));
        }

        var pool = tokenCertificates.Concat(material.Certificates).ToList();
        var content = token.EncapsulatedContent;
        var outcome = SignerInfoVerifier.Verify(signer, pool, hash => DigestAlgorithms.Hash(hash, content), TstInfoContentType, cache);
        checks.Add(outcome.Integrity with { Detail = "token: " + outcome.Integrity.Detail });
        checks.Add(outcome.Signature with { Detail = "token: " + outcome.Signature.Detail });
        checks.Add(outcome.CertificateBinding.Status == CheckStatus.NotApplicable
            ? CheckResult.Fail(CheckKind.SigningCertificateBinding, "the token does not bind its TSA certificate (RFC 3161 requires signing-certificate)")
            : outcome.CertificateBinding with { Detail = "token: " + outcome.CertificateBinding.Detail });

        var authority = outcome.SignerCertificate;
        CertificatePath? path = null;
        if (authority is null)
        {
            checks.Add(CheckResult.Fail(CheckKind.CertificateChain, "the TSA certificate is neither in the token nor in the DSS"));
        }
        else
        {
            material.AddCertificates(tokenCertificates);
            var ekuProblem = CheckTimeStampingUsage(authority);
            path = paths.Build(authority, pool, anchors, genTime);
            checks.Add(ekuProblem is null ? path.Check with { Detail = "TSA " + path.Check.Detail } : CheckResult.Fail(CheckKind.CertificateChain, ekuProblem));
            if (path.IsTrusted)
            {
                var revoked = await revocation.CheckPathAsync(path, genTime, timeIsProven: false, material, fetcher, cancellationToken);
                checks.Add(revoked with { Detail = "TSA " + revoked.Detail });
            }
        }

        var result = new TimestampResult(
            genTime,
            authority is null ? null : cache.Facts.Of(authority).Info,
            imprintHash?.Name ?? imprintOid,
            cache.Facts.IssuersInfo(path),
            checks);
        return new(result, path);
    }

    private static TimestampOutcome Malformed(CheckKind kind, string why) =>
        new(new TimestampResult(null, null, null, [], [CheckResult.Fail(kind, $"malformed timestamp token: {why}")]), null);

    private string? CheckTimeStampingUsage(X509Certificate certificate)
    {
        var facts = cache.Facts.Of(certificate);
        var usages = facts.ExtendedKeyUsage;
        var critical = facts.CriticalExtensions.Contains(X509Extensions.ExtendedKeyUsage.Id);
        if (usages is null || usages.Count != 1 || usages[0] != TimeStampingEku || !critical)
        {
            return $"\"{facts.Name}\" is not a TSA certificate (RFC 3161 needs exactly the timeStamping extended key usage, marked critical)";
        }
        return null;
    }
}
