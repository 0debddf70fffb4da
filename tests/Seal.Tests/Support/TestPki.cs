using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Support;

/// <summary>A throwaway test PKI built with BouncyCastle (root CA, end-entity signers, a TSA) for the PDF signing tests.</summary>
public sealed class TestPki
{
    private readonly SecureRandom _random = new();
    private long _serial = 100;

    public TestPki(string name = "Test Root CA")
    {
        RootKey = NewEcKey();
        var now = DateTime.UtcNow.AddMinutes(-5);
        var gen = new X509V3CertificateGenerator();
        var dn = new X509Name($"CN={name},O=OneThing Tests,C=CN");
        gen.SetSerialNumber(BigInteger.One);
        gen.SetIssuerDN(dn);
        gen.SetSubjectDN(dn);
        gen.SetNotBefore(now);
        gen.SetNotAfter(now.AddYears(5));
        gen.SetPublicKey(RootKey.Public);
        gen.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
        gen.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        Root = gen.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", RootKey.Private, _random));
    }

    public AsymmetricCipherKeyPair RootKey { get; }
    public X509Certificate Root { get; }

    public string RootPem
    {
        get
        {
            using var sw = new StringWriter();
            new PemWriter(sw).WriteObject(Root);
            return sw.ToString();
        }
    }

    public AsymmetricCipherKeyPair NewEcKey()
    {
        var g = new ECKeyPairGenerator();
        g.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, _random));
        return g.GenerateKeyPair();
    }

    public X509Certificate Issue(string commonName, AsymmetricKeyParameter publicKey, bool timestamping = false)
    {
        var now = DateTime.UtcNow.AddMinutes(-5);
        var gen = new X509V3CertificateGenerator();
        gen.SetSerialNumber(BigInteger.ValueOf(Interlocked.Increment(ref _serial)));
        gen.SetIssuerDN(Root.SubjectDN);
        gen.SetSubjectDN(new X509Name($"CN={commonName},O=OneThing Tests,C=CN"));
        gen.SetNotBefore(now);
        gen.SetNotAfter(now.AddYears(2));
        gen.SetPublicKey(publicKey);
        gen.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        if (timestamping)
        {
            gen.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
            gen.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping));
        }
        else
        {
            gen.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.NonRepudiation));
        }
        return gen.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", RootKey.Private, _random));
    }

    public TestSigningKey NewSigner(string commonName)
    {
        var key = NewEcKey();
        return new TestSigningKey(Issue(commonName, key.Public), [Root], key.Private);
    }

    public TestTimestampAuthority NewTimestampAuthority()
    {
        var key = NewEcKey();
        return new TestTimestampAuthority(Issue("Test TSA", key.Public, timestamping: true), Root, key.Private);
    }
}
