using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace OneThing.Seal.Crypto.Revocation;

/// <summary>The OCSP (AIA) and CRL (CDP) HTTP addresses a certificate names: where signing (LTV) and verification ask.</summary>
public static class RevocationEndpoints
{
    public static IReadOnlyList<Uri> Ocsp(X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.AuthorityInfoAccess);
        if (value is null)
        {
            return [];
        }
        var access = AuthorityInformationAccess.GetInstance(X509ExtensionUtilities.FromExtensionValue(value));
        return access.GetAccessDescriptions()
            .Where(d => d.AccessMethod.Equals(AccessDescription.IdADOcsp))
            .Select(d => Http(d.AccessLocation))
            .OfType<Uri>()
            .ToArray();
    }

    public static IReadOnlyList<Uri> Crl(X509Certificate certificate)
    {
        var value = certificate.GetExtensionValue(X509Extensions.CrlDistributionPoints);
        if (value is null)
        {
            return [];
        }
        var points = CrlDistPoint.GetInstance(X509ExtensionUtilities.FromExtensionValue(value));
        return points.GetDistributionPoints()
            .Select(p => p.DistributionPointName)
            .Where(n => n is not null && n.Type == DistributionPointName.FullName)
            .SelectMany(n => GeneralNames.GetInstance(n.Name).GetNames())
            .Select(Http)
            .OfType<Uri>()
            .ToArray();
    }

    public static bool NamesAny(X509Certificate certificate) => Ocsp(certificate).Count > 0 || Crl(certificate).Count > 0;

    private static Uri? Http(GeneralName name)
    {
        if (name.TagNo != GeneralName.UniformResourceIdentifier)
        {
            return null;
        }
        var text = DerIA5String.GetInstance(name.Name).GetString();
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }
}
