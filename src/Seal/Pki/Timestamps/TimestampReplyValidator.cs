using System.Collections.Concurrent;
using OneThing.Seal.Crypto.Certificates;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Decides whether a TimeStampResp answers our request and can be trusted: granted status, same
/// imprint and nonce, a signature by a TSA certificate with the critical timeStamping EKU that
/// chains to a trusted anchor, and a genTime close to our clock. Anything else is a
/// <see cref="TimestampUnavailableException"/> with the reason.
/// </summary>
internal sealed class TimestampReplyValidator(IReadOnlyList<X509Certificate> trustAnchors, TimeSpan maxClockSkew, TimeProvider clock)
{
    private const int MaxChainLength = 6;
    private const int MaxRememberedCertificates = 64;

    // TSA certificates whose chain to an anchor was verified, with the window in which the whole chain is valid.
    // Re-parsing and re-verifying the same chain for every token cost more than the token itself
    // (BouncyCastle re-validates an RSA modulus on every parse); the token's own signature is always checked.
    private readonly ConcurrentDictionary<X509Certificate, (X509Certificate Instance, DateTime NotBefore, DateTime NotAfter)> _verifiedChains = new();

    /// <param name="source">Who answered, for error messages (a URL or "built-in TSA").</param>
    public TimeStampToken Validate(TimeStampRequest request, TimeStampResponse response, string source)
    {
        if (response.Status is not (0 or 1))
        {
            var failInfo = response.GetFailInfo() is { } info ? $", failInfo {info.IntValue}" : "";
            throw new TimestampUnavailableException($"The TSA {source} refused the request: status {response.Status}{failInfo} ({response.GetStatusString() ?? "no reason given"}).");
        }

        var token = response.TimeStampToken
            ?? throw new TimestampUnavailableException($"The TSA {source} granted the request but sent no token.");
        var info2 = token.TimeStampInfo;
        if (!info2.MessageImprintAlgOid.Equals(request.MessageImprintAlgOid, StringComparison.Ordinal)
            || !info2.GetMessageImprintDigest().AsSpan().SequenceEqual(request.GetMessageImprintDigest()))
        {
            throw new TimestampUnavailableException($"The TSA {source} answered with a token for a different message imprint.");
        }

        if (request.Nonce is not null && !request.Nonce.Equals(info2.Nonce))
        {
            throw new TimestampUnavailableException($"The TSA {source} answered with the wrong nonce (a replayed or misrouted reply).");
        }

        if (request.ReqPolicy is not null && request.ReqPolicy != info2.Policy)
        {
            throw new TimestampUnavailableException($"The TSA {source} used policy {info2.Policy} instead of the requested {request.ReqPolicy}.");
        }

        var certificates = token.GetCertificates().EnumerateMatches(null).ToList();
        var tsaCertificate = certificates.FirstOrDefault(token.SignerID.Match)
            ?? trustAnchors.FirstOrDefault(token.SignerID.Match)
            ?? throw new TimestampUnavailableException($"The TSA {source} did not include its certificate although it was requested.");
        var remembered = _verifiedChains.TryGetValue(tsaCertificate, out var known);
        if (remembered)
        {
            tsaCertificate = known.Instance; // keeps its parsed public key
        }

        try
        {
            TspUtil.ValidateCertificate(tsaCertificate);
        }
        catch (TspValidationException e)
        {
            throw new TimestampUnavailableException($"The TSA {source} signed with a certificate that is not a TSA certificate: {e.Message}", e);
        }

        try
        {
            // Checks the CMS signature, the ESS signing-certificate(-v2) binding and the certificate's validity at genTime:
            // through .NET when it can prove them all, otherwise BouncyCastle decides and gives the reason.
            if (!TimestampTokenSignature.Verifies(token, tsaCertificate))
            {
                token.Validate(tsaCertificate);
            }
        }
        catch (Exception e) when (e is TspException or TspValidationException or CmsException)
        {
            throw new TimestampUnavailableException($"The token from the TSA {source} does not verify: {e.Message}", e);
        }

        if (!remembered || info2.GenTime < known.NotBefore || info2.GenTime > known.NotAfter)
        {
            var window = CheckChain(tsaCertificate, certificates, info2.GenTime, source);
            if (_verifiedChains.Count >= MaxRememberedCertificates)
            {
                _verifiedChains.Clear();
            }

            _verifiedChains[tsaCertificate] = (tsaCertificate, window.NotBefore, window.NotAfter);
        }

        var skew = (info2.GenTime - clock.GetUtcNow().UtcDateTime).Duration();
        if (skew > maxClockSkew)
        {
            throw new TimestampUnavailableException($"The TSA {source} reported time {info2.GenTime:O}, {skew.TotalSeconds:F0} s away from ours: its clock cannot be trusted.");
        }

        response.Validate(request); // BouncyCastle's own consistency checks, as a second opinion
        return token;
    }

    /// <returns>The time window in which every certificate of the verified chain is valid.</returns>
    private (DateTime NotBefore, DateTime NotAfter) CheckChain(X509Certificate tsaCertificate, List<X509Certificate> supplied, DateTime at, string source)
    {
        var current = tsaCertificate;
        var candidates = trustAnchors.Concat(supplied).ToList();
        var notBefore = tsaCertificate.NotBefore;
        var notAfter = tsaCertificate.NotAfter;
        for (var depth = 0; depth < MaxChainLength; depth++)
        {
            if (trustAnchors.Contains(current))
            {
                return (notBefore, notAfter);
            }

            var issuer = candidates.FirstOrDefault(c => c.SubjectDN.Equivalent(current.IssuerDN, true) && !c.Equals(current) && CertificateSignature.IsSignedBy(current, c));
            if (issuer is null)
            {
                break;
            }

            if (!issuer.IsValid(at))
            {
                throw new TimestampUnavailableException($"The TSA {source}'s issuing certificate '{issuer.SubjectDN}' was not valid at {at:O}.");
            }

            notBefore = notBefore > issuer.NotBefore ? notBefore : issuer.NotBefore;
            notAfter = notAfter < issuer.NotAfter ? notAfter : issuer.NotAfter;
            current = issuer;
        }

        throw new TimestampUnavailableException($"The TSA {source}'s certificate '{tsaCertificate.SubjectDN}' does not chain to a trusted anchor.");
    }
}
