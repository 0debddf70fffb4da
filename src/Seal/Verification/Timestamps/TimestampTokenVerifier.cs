using System.Security.Cryptography;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Timestamps;

/// <summary>The parsed token with its checks, and the TSA path for callers that need it.</summary>
public sealed record TimestampOutcome(TimestampResult Result, TimeStampToken? Token, CertificatePath? Path)
{
    public bool IsValid => Result.IsValid;
}

/// <summary>
/// Validates an RFC 3161 token: the imprint is the hash of what it claims to timestamp, the token's
/// CMS signature and ESS binding hold, the TSA certificate carries the critical timeStamping EKU
/// and chains to a trust anchor at the token's time, and is not revoked.
/// </summary>
public sealed class TimestampTokenVerifier(CertificatePathBuilder paths, RevocationChecker revocation, SignatureCheckCache cache)
{
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";

    /// <param name="imprintOf">Hash of the timestamped data with the algorithm the token names.</param>
    /// <param name="imprintKind">The check kind under which the imprint comparison is reported.</param>
    /// <param name="imprintSubject">What was timestamped, for the report ("the signature value", "the signed byte ranges").</param>
    public async Task<TimestampOutcome> VerifyAsync(
        byte[] tokenDer, Func<HashAlgorithmName, byte[]> imprintOf, CheckKind imprintKind, string imprintSubject,
        ValidationMaterial material, TrustAnchors anchors, IRevocationFetcher? fetcher, CancellationToken cancellationToken)
    {
        CmsSignedData signedData;
        try
        {
            signedData = new CmsSignedData(tokenDer);
        }
        catch (Exception e) when (e is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            var malformed = new TimestampResult(null, null, null, [], [CheckResult.Fail(imprintKind, $"malformed timestamp token: {e.Message}")]);
            return new(malformed, null, null);
        }
        return await VerifyAsync(signedData, imprintOf, imprintKind, imprintSubject, material, anchors, fetcher, cancellationToken);
    }

    /// <summary>Validates a token already parsed as CMS (a document timestamp's /Contents).</summary>
    public async Task<TimestampOutcome> VerifyAsync(
        CmsSignedData signedData, Func<HashAlgorithmName, byte[]> imprintOf, CheckKind imprintKind, string imprintSubject,
        ValidationMaterial material, TrustAnchors anchors, IRevocationFetcher? fetcher, CancellationToken cancellationToken)
    {
        TimeStampToken token;
        try
        {
            token = new TimeStampToken(signedData);
        }
        catch (Exception e) when (e is CmsException or TspException or IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            var malformed = new TimestampResult(null, null, null, [], [CheckResult.Fail(imprintKind, $"malformed timestamp token: {e.Message}")]);
            return new(malformed, null, null);
        }

        var info = token.TimeStampInfo;
        var genTime = new DateTimeOffset(DateTime.SpecifyKind(info.GenTime.ToUniversalTime(), DateTimeKind.Utc));
        var checks = new List<CheckResult>();
        var imprintOid = info.MessageImprintAlgOid;
        var imprintHash = DigestAlgorithms.FromOid(imprintOid);
        if (imprintHash is null || !DigestAlgorithms.IsStrongForContent(imprintOid))
        {
            checks.Add(CheckResult.Fail(imprintKind, $"timestamp imprint algorithm {DigestAlgorithms.Name(imprintOid)} is not accepted"));
        }
        else
        {
            checks.Add(CryptographicOperations.FixedTimeEquals(imprintOf(imprintHash.Value), info.GetMessageImprintDigest())
                ? CheckResult.Pass(imprintKind, $"token of {genTime:u} imprints {imprintSubject} ({imprintHash.Value.Name})")
                : CheckResult.Fail(imprintKind, $"the token's imprint is not the {imprintHash.Value.Name} of {imprintSubject}: it timestamps something else"));
        }
        if (genTime > DateTimeOffset.UtcNow.AddMinutes(5))
        {
            checks.Add(CheckResult.Fail(CheckKind.SigningTime, $"the token's time {genTime:u} is in the future"));
        }

        var tokenCertificates = token.GetCertificates().EnumerateMatches(null).ToList();
        var pool = tokenCertificates.Concat(material.Certificates).ToList();
        var signer = signedData.GetSignerInfos().GetSigners().First();
        var content = Org.BouncyCastle.Asn1.Asn1OctetString.GetInstance(signedData.SignedData.EncapContentInfo.Content).GetOctets();
        var outcome = SignerInfoVerifier.Verify(signer, pool, hash => DigestAlgorithms.Hash(hash, content), PkcsObjectIdentifiers.IdCTTstInfo.Id, cache.Keys);
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
            authority is null ? null : CertificateDescriber.Describe(authority),
            imprintHash?.Name ?? imprintOid,
            path?.Certificates.Skip(1).Select(CertificateDescriber.Describe).ToArray() ?? [],
            checks);
        return new(result, token, path);
    }

    private static string? CheckTimeStampingUsage(X509Certificate certificate)
    {
        var usages = certificate.GetExtendedKeyUsage();
        var critical = certificate.GetCriticalExtensionOids()?.Contains(X509Extensions.ExtendedKeyUsage.Id) ?? false;
        if (usages is null || usages.Count != 1 || usages[0].Id != TimeStampingEku || !critical)
        {
            return $"\"{CertificateDescriber.Name(certificate)}\" is not a TSA certificate (RFC 3161 needs exactly the timeStamping extended key usage, marked critical)";
        }
        return null;
    }
}
