using OneThing.Seal.Tests.Support;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>
/// Certificates below a <see cref="TestPki"/> root with any issuer, for trust tests that need
/// intermediate CAs (TestPki itself only issues end-entity certificates from its root).
/// </summary>
public static class TestCertificates
{
    private static readonly SecureRandom Random = new();
    private static long _serial = 10_000;

    /// <summary>A CA certificate; <paramref name="pathLength"/> null leaves pathLenConstraint out.</summary>
    public static (X509Certificate Certificate, AsymmetricCipherKeyPair Key) Ca(
        TestPki pki, string commonName, X509Certificate issuer, AsymmetricKeyParameter issuerKey, int? pathLength)
    {
        var key = pki.NewEcKey();
        var constraints = pathLength is { } length ? new BasicConstraints(length) : new BasicConstraints(true);
        return (Issue(commonName, key.Public, issuer, issuerKey, constraints, KeyUsage.KeyCertSign | KeyUsage.CrlSign), key);
    }

    public static X509Certificate EndEntity(TestPki pki, string commonName, X509Certificate issuer, AsymmetricKeyParameter issuerKey) =>
        Issue(commonName, pki.NewEcKey().Public, issuer, issuerKey, new BasicConstraints(false), KeyUsage.DigitalSignature | KeyUsage.NonRepudiation);

    private static X509Certificate Issue(string commonName, AsymmetricKeyParameter publicKey, X509Certificate issuer,
        AsymmetricKeyParameter issuerKey, BasicConstraints constraints, int keyUsage)
    {
        var now = DateTime.UtcNow.AddMinutes(-5);
        var gen = new X509V3CertificateGenerator();
        gen.SetSerialNumber(BigInteger.ValueOf(Interlocked.Increment(ref _serial)));
        gen.SetIssuerDN(issuer.SubjectDN);
        gen.SetSubjectDN(new X509Name($"CN={commonName},O=OneThing Tests,C=CN"));
        gen.SetNotBefore(now);
        gen.SetNotAfter(now.AddYears(2));
        gen.SetPublicKey(publicKey);
        gen.AddExtension(X509Extensions.BasicConstraints, true, constraints);
        gen.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(keyUsage));
        return gen.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", issuerKey, Random));
    }
}
