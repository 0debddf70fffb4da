using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki.Certificates;

/// <summary>The subject side of a certificate to issue: who, which key, for how long, under which profile.</summary>
internal sealed record CertificateRequest(
    CertificateProfile Profile,
    X509Name Subject,
    AsymmetricKeyParameter PublicKey,
    DateTime NotBefore,
    DateTime NotAfter);

/// <summary>Turns a <see cref="CertificateRequest"/> into a signed X.509 v3 certificate with the profile's extensions.</summary>
internal static class CertificateBuilder
{
    /// <summary>id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1).</summary>
    private static readonly DerObjectIdentifier OcspNoCheck = new("1.3.6.1.5.5.7.48.1.5");

    /// <param name="issuerCertificate">null for a self-signed root.</param>
    /// <param name="revocationPointers">CRL and AIA URLs of the issuing CA; used when the profile asks for them.</param>
    public static X509Certificate Build(
        CertificateRequest request,
        X509Name issuerName,
        IPrivateKey issuerKey,
        X509Certificate? issuerCertificate,
        RevocationPointers? revocationPointers)
    {
        if (request.NotAfter <= request.NotBefore)
        {
            throw new ArgumentException("The certificate's validity must end after it starts.", nameof(request));
        }

        if (issuerCertificate is not null && request.NotAfter > issuerCertificate.NotAfter)
        {
            throw new ArgumentException($"The certificate cannot outlive its issuer (valid until {issuerCertificate.NotAfter:u}).", nameof(request));
        }

        var profile = request.Profile;
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(NewSerialNumber());
        generator.SetIssuerDN(issuerName);
        generator.SetSubjectDN(request.Subject);
        generator.SetNotBefore(request.NotBefore);
        generator.SetNotAfter(request.NotAfter);
        generator.SetPublicKey(request.PublicKey);

        generator.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(request.PublicKey));
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier, false,
            X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuerCertificate?.GetPublicKey() ?? issuerKey.PublicKey));
        generator.AddExtension(X509Extensions.BasicConstraints, true,
            profile.IsCertificateAuthority
                ? profile.PathLength is { } pathLength ? new BasicConstraints(pathLength) : new BasicConstraints(true)
                : new BasicConstraints(false));
        generator.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(profile.KeyUsage));
        if (profile.ExtendedKeyUsages.Count > 0)
        {
            generator.AddExtension(X509Extensions.ExtendedKeyUsage, profile.ExtendedKeyUsageCritical, new ExtendedKeyUsage(profile.ExtendedKeyUsages));
        }

        if (profile.OcspNoCheck)
        {
            generator.AddExtension(OcspNoCheck, false, DerNull.Instance);
        }

        if (profile.IncludeRevocationPointers && revocationPointers is not null)
        {
            var crl = new DistributionPoint(
                new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, revocationPointers.CrlUrl))), null, null);
            generator.AddExtension(X509Extensions.CrlDistributionPoints, false, new CrlDistPoint([crl]));
            generator.AddExtension(X509Extensions.AuthorityInfoAccess, false, new AuthorityInformationAccess(
            [
                new AccessDescription(AccessDescription.IdADOcsp, new GeneralName(GeneralName.UniformResourceIdentifier, revocationPointers.OcspUrl)),
                new AccessDescription(AccessDescription.IdADCAIssuers, new GeneralName(GeneralName.UniformResourceIdentifier, revocationPointers.CaIssuersUrl)),
            ]));
        }

        return generator.Generate(new PrivateKeySignatureFactory(issuerKey));
    }

    /// <summary>A random positive 127-bit serial: unpredictable (CA/B forum practice) and unique without coordination.</summary>
    public static BigInteger NewSerialNumber()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x01;
        return new BigInteger(1, bytes.ToArray());
    }
}

/// <summary>The revocation URLs an issuing CA writes into what it issues.</summary>
public sealed record RevocationPointers(string CrlUrl, string OcspUrl, string CaIssuersUrl);
