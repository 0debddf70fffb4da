using Microsoft.Extensions.Options;
using OneThing.Seal.Crypto.Revocation;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Decides whether each certificate of a path was revoked before the time a signature (or token)
/// is proven to exist, from OCSP responses and CRLs whose own signatures and freshness are checked.
/// </summary>
public sealed class RevocationChecker(SignatureCheckCache cache, IOptions<VerificationOptions> options)
{
    private const string OcspSigning = "1.3.6.1.5.5.7.3.9";
    private readonly VerificationOptions _options = options.Value;

    /// <param name="provenAt">Time the signature is proven to exist (timestamp time) or the verification time.</param>
    /// <param name="timeIsProven">True when <paramref name="provenAt"/> comes from a valid timestamp, so a later revocation does not matter.</param>
    /// <param name="fetcher">Online fetcher, used when the material has nothing usable (null: offline).</param>
    public async Task<CheckResult> CheckPathAsync(
        CertificatePath path, DateTimeOffset provenAt, bool timeIsProven, ValidationMaterial material,
        IRevocationFetcher? fetcher, CancellationToken cancellationToken)
    {
        if (path.Certificates.Count < 2)
        {
            return path.IsTrusted
                ? CheckResult.Skip(CheckKind.Revocation, "the certificate is a trust anchor")
                : CheckResult.Unknown(CheckKind.Revocation, "not checked: no issuer known for the certificate");
        }
        var notes = new List<string>();
        var worst = CheckStatus.Passed;
        var anyChecked = false;
        // Every certificate except the anchor at the top.
        for (var i = 0; i + 1 < path.Certificates.Count; i++)
        {
            var certificate = path.Certificates[i];
            var issuer = path.Certificates[i + 1];
            var (status, note) = Decide(certificate, issuer, provenAt, timeIsProven, material);
            if (status == CheckStatus.Indeterminate && fetcher is not null && RevocationEndpoints.NamesAny(certificate))
            {
                var fetchNotes = await fetcher.FetchAsync(certificate, issuer, material, cancellationToken);
                (status, note) = Decide(certificate, issuer, provenAt, timeIsProven, material);
                if (status == CheckStatus.Indeterminate && fetchNotes.Count > 0)
                {
                    note += $" (online: {string.Join("; ", fetchNotes)})";
                }
            }
            anyChecked |= status == CheckStatus.Passed;
            notes.Add($"{cache.Facts.Of(certificate).Name}: {note}");
            worst = Worse(worst, status);
        }
        if (worst == CheckStatus.Passed && !anyChecked)
        {
            worst = CheckStatus.NotApplicable;
        }
        return new CheckResult(CheckKind.Revocation, worst, string.Join("; ", notes));
    }

    private (CheckStatus, string) Decide(X509Certificate certificate, X509Certificate issuer, DateTimeOffset provenAt, bool timeIsProven, ValidationMaterial material)
    {
        string? stale = null;
        foreach (var response in material.OcspResponses)
        {
            var verdict = FromOcsp(response, certificate, issuer, provenAt, timeIsProven, ref stale);
            if (verdict is not null)
            {
                return verdict.Value;
            }
        }
        foreach (var crl in material.Crls)
        {
            var verdict = FromCrl(crl, certificate, issuer, provenAt, timeIsProven, ref stale);
            if (verdict is not null)
            {
                return verdict.Value;
            }
        }
        if (stale is not null)
        {
            return (CheckStatus.Indeterminate, stale);
        }
        if (!RevocationEndpoints.NamesAny(certificate) && !_options.RequireRevocationWithoutService)
        {
            return (CheckStatus.NotApplicable, "names no CRL or OCSP service, none to check");
        }
        return (CheckStatus.Indeterminate, "no revocation data in the document (DSS) for it; use --online or add LTV data");
    }

    private (CheckStatus, string)? FromOcsp(OcspEvidence evidence, X509Certificate certificate, X509Certificate issuer,
        DateTimeOffset provenAt, bool timeIsProven, ref string? stale)
    {
        foreach (var single in evidence.ResponsesFor(certificate, issuer))
        {
            if (!evidence.SignedBy(issuer, static (i, state) => state.Checker.OcspSignedByIssuer(state.Evidence, i), (Checker: this, Evidence: evidence)))
            {
                stale ??= "an OCSP response was found but its signature is not from the issuer or its delegated responder";
                continue;
            }
            var thisUpdate = Utc(single.ThisUpdate);
            var nextUpdate = single.NextUpdate is { } next ? Utc(next) : (DateTimeOffset?)null;
            if (!IsFresh(thisUpdate, nextUpdate, provenAt))
            {
                stale ??= $"the OCSP response of {thisUpdate:u} is too old for the time {provenAt:u}{NoNextUpdate(nextUpdate)}";
                continue;
            }
            switch (single.GetCertStatus())
            {
                case null:
                    return (CheckStatus.Passed, $"good (OCSP, {thisUpdate:u})");
                case RevokedStatus revoked:
                    return Revoked(Utc(revoked.RevocationTime), provenAt, timeIsProven, "OCSP");
                default:
                    continue;
            }
        }
        return null;
    }

    private (CheckStatus, string)? FromCrl(X509Crl crl, X509Certificate certificate, X509Certificate issuer,
        DateTimeOffset provenAt, bool timeIsProven, ref string? stale)
    {
        if (!crl.IssuerDN.Equivalent(issuer.SubjectDN, true))
        {
            return null;
        }
        bool signed;
        try
        {
            signed = cache.Verify(issuer.SubjectPublicKeyInfo, crl.CertificateList.SignatureAlgorithm, crl.GetTbsCertList(), crl.GetSignature());
        }
        catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            signed = false;
        }
        if (!signed)
        {
            stale ??= "a CRL was found but its signature does not verify with the issuer's key";
            return null;
        }
        var thisUpdate = Utc(crl.ThisUpdate);
        var nextUpdate = crl.NextUpdate is { } next ? Utc(next) : (DateTimeOffset?)null;
        if (!IsFresh(thisUpdate, nextUpdate, provenAt))
        {
            stale ??= $"the CRL of {thisUpdate:u} is too old for the time {provenAt:u}{NoNextUpdate(nextUpdate)}";
            return null;
        }
        var entry = crl.GetRevokedCertificate(certificate.SerialNumber);
        return entry is null
            ? (CheckStatus.Passed, $"not revoked (CRL, {thisUpdate:u})")
            : Revoked(Utc(entry.RevocationDate), provenAt, timeIsProven, "CRL");
    }

    private static (CheckStatus, string) Revoked(DateTimeOffset revokedAt, DateTimeOffset provenAt, bool timeIsProven, string source) =>
        timeIsProven && revokedAt > provenAt
            ? (CheckStatus.Passed, $"revoked at {revokedAt:u} ({source}), after the signature's proven time {provenAt:u}")
            : (CheckStatus.Failed, $"REVOKED at {revokedAt:u} ({source})");

    /// <summary>Usable when it covers the proven time, or was issued no earlier than the freshness window before it.</summary>
    private bool IsFresh(DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, DateTimeOffset provenAt)
    {
        if (thisUpdate > DateTimeOffset.UtcNow + _options.ClockSkew)
        {
            return false;
        }
        // Without nextUpdate newer information is always available (RFC 6960 §4.2.2.1, RFC 5280 §5.1.2.5):
        // the data vouches only for its thisUpdate, so it covers nothing and only the freshness window
        // below applies; otherwise a "good" answer from before a revocation would be accepted forever.
        var covers = nextUpdate is not null && thisUpdate <= provenAt + _options.ClockSkew && nextUpdate >= provenAt - _options.ClockSkew;
        return covers || thisUpdate >= provenAt - _options.RevocationFreshness;
    }

    private string NoNextUpdate(DateTimeOffset? nextUpdate) => nextUpdate is null
        ? $" (it has no nextUpdate, so it vouches only for its own time and the {_options.RevocationFreshness.TotalDays:0.##} days' freshness window after it)"
        : "";

    private bool OcspSignedByIssuer(OcspEvidence evidence, X509Certificate issuer)
    {
        var response = evidence.Response;
        var responderId = response.ResponderId.ToAsn1Object();
        var candidates = new List<X509Certificate> { issuer };
        candidates.AddRange(evidence.Certificates.Where(c => c.IssuerDN.Equivalent(issuer.SubjectDN, true)));
        foreach (var signer in candidates)
        {
            if (!ResponderMatches(responderId, signer, cache.Facts))
            {
                continue;
            }
            if (!signer.Equals(issuer) && !IsDelegatedResponder(signer, issuer))
            {
                continue;
            }
            try
            {
                var algorithm = response.SignatureAlgorithm; // as parsed: re-encoding and re-parsing the whole response per lookup was ~10 % of a verification's allocations
                if (cache.Verify(signer.SubjectPublicKeyInfo, algorithm, response.GetTbsResponseData(), response.GetSignature()))
                {
                    return true;
                }
            }
            catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
            }
        }
        return false;
    }

    private static bool ResponderMatches(ResponderID id, X509Certificate certificate, CertificateFactsCache facts)
    {
        var keyHash = id.GetKeyHash();
        return keyHash is not null
            ? keyHash.AsSpan().SequenceEqual(facts.Of(certificate).KeyHash)
            : id.Name is not null && id.Name.Equivalent(certificate.SubjectDN, true);
    }

    private bool IsDelegatedResponder(X509Certificate responder, X509Certificate issuer)
    {
        var usages = cache.Facts.Of(responder).ExtendedKeyUsage;
        if (usages is null || !usages.Contains(OcspSigning) || !cache.Facts.MayHaveIssued(issuer, responder))
        {
            return false;
        }
        try
        {
            return cache.Verify(issuer.SubjectPublicKeyInfo, responder.CertificateStructure.SignatureAlgorithm, responder.GetTbsCertificate(), responder.GetSignature());
        }
        catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    private static CheckStatus Worse(CheckStatus a, CheckStatus b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(CheckStatus status) => status switch
    {
        CheckStatus.Failed => 3,
        CheckStatus.Indeterminate => 2,
        CheckStatus.Passed => 1,
        _ => 0,
    };

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc));
}
