using Microsoft.Extensions.Options;
using OneThing.Seal.Verification.Report;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Builds and validates a path from a signer's certificate to one of the trust anchors (RFC 5280
/// basics: names and key identifiers chain, each signature verifies, every certificate is valid at
/// the validation time, issuers are CAs allowed to sign certificates, path length constraints hold,
/// no unknown critical extension). Hand-written rather than BouncyCastle's PKIX builder so that the
/// validation time can be a past timestamp time and revocation is handled separately with DSS data.
/// </summary>
public sealed class CertificatePathBuilder(SignatureCheckCache cache, IOptions<VerificationOptions> options)
{
    private const int MaxDepth = 10;
    private readonly TimeSpan _skew = options.Value.ClockSkew;

    private static readonly HashSet<string> KnownCriticalExtensions =
    [
        X509Extensions.BasicConstraints.Id,
        X509Extensions.KeyUsage.Id,
        X509Extensions.ExtendedKeyUsage.Id,
        X509Extensions.SubjectAlternativeName.Id,
        X509Extensions.CertificatePolicies.Id,
        X509Extensions.NameConstraints.Id,
        X509Extensions.PolicyConstraints.Id,
        X509Extensions.InhibitAnyPolicy.Id,
        "1.3.6.1.5.5.7.48.1.5", // id-pkix-ocsp-nocheck
        "1.3.6.1.5.5.7.1.3",    // qcStatements
    ];

    public CertificatePath Build(X509Certificate leaf, IReadOnlyList<X509Certificate> pool, TrustAnchors anchors, DateTimeOffset at, CheckKind kind = CheckKind.CertificateChain)
    {
        var leafProblem = CheckCertificate(leaf, at);
        if (leafProblem is not null)
        {
            return new([leaf], CheckResult.Fail(kind, leafProblem));
        }
        if (anchors.Certificates.Count == 0)
        {
            var partial = BestEffortChain(leaf, pool);
            return new(partial, CheckResult.Unknown(kind, "no trust anchors given (--trust): trust not established"));
        }
        var path = new List<X509Certificate> { leaf };
        string? lastProblem = null;
        if (anchors.Contains(leaf))
        {
            return new(path, CheckResult.Pass(kind, $"the certificate is itself a trust anchor, valid at {at:u}"));
        }
        if (Extend(path, pool, anchors, at, ref lastProblem))
        {
            return new(path.ToArray(), CheckResult.Pass(kind,
                $"chains to trust anchor \"{Name(path[^1])}\" ({path.Count} certificates), valid at {at:u}"));
        }
        var chain = BestEffortChain(leaf, pool);
        var top = chain[^1];
        var reason = lastProblem
            ?? (top.IssuerDN.Equivalent(top.SubjectDN, true)
                ? $"not trusted: the chain ends at \"{Name(top)}\", which is not a trust anchor"
                : $"not trusted: issuer \"{top.IssuerDN}\" not found among the document's certificates or the trust anchors");
        return new(chain, CheckResult.Fail(kind, reason));
    }

    private bool Extend(List<X509Certificate> path, IReadOnlyList<X509Certificate> pool, TrustAnchors anchors, DateTimeOffset at, ref string? problem)
    {
        if (path.Count > MaxDepth)
        {
            problem = "certificate path too long";
            return false;
        }
        var child = path[^1];
        // Anchors first: a path ending at a trusted certificate beats one through a cross-certificate.
        foreach (var candidate in anchors.Certificates.Concat(pool))
        {
            if (path.Contains(candidate) || !cache.Facts.MayHaveIssued(candidate, child))
            {
                continue;
            }
            if (!SignatureVerifies(child, candidate))
            {
                problem = $"the signature on \"{Name(child)}\" does not verify with its issuer's key";
                continue;
            }
            var isAnchor = anchors.Contains(candidate);
            var caProblem = CheckIssuer(candidate, IntermediatesBelow(path), at, isAnchor);
            if (caProblem is not null)
            {
                problem = caProblem;
                continue;
            }
            path.Add(candidate);
            if (isAnchor || Extend(path, pool, anchors, at, ref problem))
            {
                return true;
            }
            path.RemoveAt(path.Count - 1);
        }
        return false;
    }

    /// <summary>
    /// The CA certificates already in the path below a candidate issuer that count against its
    /// pathLenConstraint (RFC 5280 §6.1.4 (l)): every one but the leaf, except self-issued ones.
    /// </summary>
    private static int IntermediatesBelow(List<X509Certificate> path) =>
        path.Skip(1).Count(c => !c.IssuerDN.Equivalent(c.SubjectDN, true));

    private List<X509Certificate> BestEffortChain(X509Certificate leaf, IReadOnlyList<X509Certificate> pool)
    {
        var chain = new List<X509Certificate> { leaf };
        while (chain.Count <= MaxDepth)
        {
            var child = chain[^1];
            if (child.IssuerDN.Equivalent(child.SubjectDN, true))
            {
                break;
            }
            var issuer = pool.FirstOrDefault(c => !chain.Contains(c) && cache.Facts.MayHaveIssued(c, child) && SignatureVerifies(child, c));
            if (issuer is null)
            {
                break;
            }
            chain.Add(issuer);
        }
        return chain;
    }

    private bool SignatureVerifies(X509Certificate child, X509Certificate issuer) => cache.Facts.Of(child).SignedBy(issuer, static (candidate, state) =>
    {
        var (cache, child) = state;
        try
        {
            return cache.Verify(candidate.SubjectPublicKeyInfo, child.CertificateStructure.SignatureAlgorithm, child.GetTbsCertificate(), child.GetSignature());
        }
        catch (Exception e) when (e is NotSupportedException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }, (Cache: cache, Child: child));

    private string Name(X509Certificate certificate) => cache.Facts.Of(certificate).Name;

    private string? CheckCertificate(X509Certificate certificate, DateTimeOffset at)
    {
        if (!CertificateDescriber.IsValidAt(certificate, at, _skew))
        {
            return $"\"{Name(certificate)}\" is not valid at {at:u} (valid {certificate.NotBefore:u} to {certificate.NotAfter:u})";
        }
        var unknown = cache.Facts.Of(certificate).CriticalExtensions.FirstOrDefault(oid => !KnownCriticalExtensions.Contains(oid));
        return unknown is null ? null : $"\"{Name(certificate)}\" has an unrecognised critical extension {unknown}";
    }

    private string? CheckIssuer(X509Certificate issuer, int intermediatesBelow, DateTimeOffset at, bool isAnchor)
    {
        var facts = cache.Facts.Of(issuer);
        var name = facts.Name;
        if (isAnchor)
        {
            // RFC 5280 §6.1: the anchor is trusted as configured; only its use as an issuer is checked.
            return facts.BasicConstraints < 0 && issuer.Version == 3 ? $"trust anchor \"{name}\" is not a CA certificate" : null;
        }
        var problem = CheckCertificate(issuer, at);
        if (problem is not null)
        {
            return problem;
        }
        var pathLength = facts.BasicConstraints;
        if (pathLength < 0)
        {
            return $"\"{name}\" issued a certificate but is not a CA (basicConstraints)";
        }
        // pathLen n allows at most n intermediate CAs after this one (pathLen 0: it issues only the leaf).
        if (pathLength != int.MaxValue && intermediatesBelow > pathLength)
        {
            return $"\"{name}\" path length constraint ({pathLength}) exceeded";
        }
        var keyUsage = facts.KeyUsage;
        if (keyUsage is not null && !keyUsage[5])
        {
            return $"\"{name}\" may not sign certificates (keyUsage lacks keyCertSign)";
        }
        return null;
    }
}
