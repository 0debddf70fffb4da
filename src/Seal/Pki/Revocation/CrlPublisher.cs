using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// Produces the CRL of one CA. The signed CRL is cached and regenerated when a certificate is
/// revoked or half of its validity has passed, so serving it costs nothing per request.
/// </summary>
internal sealed class CrlPublisher(CertificateAuthority authority, TimeSpan validity, TimeProvider clock)
{
    private readonly Lock _lock = new();
    private (X509Crl Crl, long Version, DateTime RefreshAfter)? _cached;
    private long _lastCrlNumber;

    public CertificateAuthority Authority => authority;

    public X509Crl GetCurrent()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        lock (_lock)
        {
            if (_cached is { } cached && cached.Version == authority.Registry.Version && now < cached.RefreshAfter)
            {
                return cached.Crl;
            }

            var version = authority.Registry.Version;
            var crl = Generate(now);
            _cached = (crl, version, now + validity / 2);
            return crl;
        }
    }

    private X509Crl Generate(DateTime now)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(authority.Certificate.SubjectDN);
        generator.SetThisUpdate(now);
        generator.SetNextUpdate(now + validity);
        foreach (var record in authority.Registry.Revoked)
        {
            generator.AddCrlEntry(record.SerialNumber, record.RevokedAt!.Value, (int)(record.Reason ?? RevocationReason.Unspecified));
        }

        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(authority.Certificate));
        // CRL numbers must increase (RFC 5280 §5.2.3); milliseconds since the epoch do so across restarts without extra state.
        var crlNumber = Math.Max(now.Ticks / TimeSpan.TicksPerMillisecond, _lastCrlNumber + 1);
        _lastCrlNumber = crlNumber;
        generator.AddExtension(X509Extensions.CrlNumber, false, new CrlNumber(BigInteger.ValueOf(crlNumber)));
        return generator.Generate(new PrivateKeySignatureFactory(authority.Key));
    }
}
