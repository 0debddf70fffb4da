using Net.Pkcs11Interop.Common;
using Org.BouncyCastle.Security;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki;

/// <summary>Keys generated inside a SoftHSM2 token sign, are certified by the CA, and cannot be extracted.</summary>
[Collection(SoftHsmCollection.Name)]
public sealed class Pkcs11KeyTests(SoftHsmToken hsm)
{
    /// <summary>The fixture set SOFTHSM2_CONF for this process before any test here loads the module.</summary>
    private string Config => hsm.ConfigPath;

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void A_token_key_signs_verifiably_and_is_neither_extractable_nor_readable(KeyAlgorithm algorithm)
    {
        using var module = Pkcs11Module.Load(SoftHsmToken.Library);
        var token = module.GetToken("keys", SoftHsmToken.UserPin);
        var label = $"seal-{algorithm}-{Guid.NewGuid():N}";
        var key = token.GenerateKeyPair(label, algorithm);

        var flags = token.ReadPrivateKeyFlags(label, CKA.CKA_EXTRACTABLE, CKA.CKA_SENSITIVE);
        Assert.False(flags[CKA.CKA_EXTRACTABLE]);
        Assert.True(flags[CKA.CKA_SENSITIVE]);
        // The private value itself, asked for as the raw attribute: the token answers that it cannot be revealed.
        var value = ReadAttribute(token, CKO.CKO_PRIVATE_KEY, label, CKA.CKA_VALUE);
        Assert.True(value.CannotBeRead);

        var data = "合同 page bytes"u8.ToArray();
        var signature = key.Sign(data);
        var verifier = SignerUtilities.GetSigner(key.SignatureAlgorithm);
        verifier.Init(false, key.PublicKey);
        verifier.BlockUpdate(data, 0, data.Length);
        Assert.True(verifier.VerifySignature(signature));
    }

    [Fact]
    public void The_value_probe_reads_a_value_the_token_does_reveal()
    {
        // The same read as for the private key returns a data object's value: a refusal above is the token's, not the probe's.
        using var module = Pkcs11Module.Load(SoftHsmToken.Library);
        var token = module.GetToken("keys", SoftHsmToken.UserPin);
        var label = $"probe-{Guid.NewGuid():N}";
        token.WithSession(session => session.CreateObject(
        [
            token.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_DATA),
            token.Factories.ObjectAttributeFactory.Create(CKA.CKA_TOKEN, false),
            token.Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label),
            token.Factories.ObjectAttributeFactory.Create(CKA.CKA_VALUE, "readable"u8.ToArray()),
        ]));

        var value = ReadAttribute(token, CKO.CKO_DATA, label, CKA.CKA_VALUE);

        Assert.False(value.CannotBeRead);
        Assert.Equal("readable"u8.ToArray(), value.GetValueAsByteArray());
    }

    [Fact]
    public async Task The_ca_certifies_a_token_key_and_openssl_verifies_its_signature()
    {
        Assert.True(File.Exists(Config));
        using var pki = ProductPki.CreateInMemory();
        using var module = Pkcs11Module.Load(SoftHsmToken.Library);
        var key = module.GetToken("keys", SoftHsmToken.UserPin).GenerateKeyPair($"seal-{Guid.NewGuid():N}", KeyAlgorithm.EcdsaP256);
        var certificate = pki.IssuingCa.Issue(CertificateProfiles.CentreSeal, SubjectNames.CentreSeal("测试中心", "TEST-1"), key.PublicKey);
        var signingKey = new CertifiedSigningKey(key, certificate, pki.IssuingCa.Chain);

        using var dir = new TempDirectory();
        var data = dir.WriteBytes("data.bin", "sealed document"u8.ToArray());
        var signature = dir.WriteBytes("sig.der", await signingKey.SignAsync(File.ReadAllBytes(data), CancellationToken.None));
        var cert = dir.WritePem("cert.pem", certificate);
        var publicKey = dir.File("pub.pem");
        ExternalTool.Succeed("openssl", "x509", "-in", cert, "-pubkey", "-noout", "-out", publicKey);
        Assert.Contains("Verified OK", ExternalTool.Succeed("openssl", "dgst", "-sha256", "-verify", publicKey, "-signature", signature, data));
    }

    [Fact]
    public void A_pki_directory_with_its_seal_in_the_token_loads_and_seals_with_the_token_key()
    {
        using var dir = new TempDirectory();
        var options = new PkiOptions
        {
            Directory = dir.File("pki"),
            Pkcs11 = new Pkcs11Options { Library = SoftHsmToken.Library, Pin = SoftHsmToken.UserPin },
        };
        PkiDirectory.Provision(options, TimeProvider.System, development: true);
        var code = $"HSM-{Guid.NewGuid():N}"[..12];
        var entry = PkiDirectoryEditor.AddCentreSeal(options, "德阳市住房公积金管理中心", code, new NewKeyLocation("pki", "seal-" + code), TimeProvider.System);
        Assert.Equal(KeyReference.Pkcs11, entry.Key.Kind);
        Assert.DoesNotContain(Directory.GetFiles(dir.File("pki"), "*.p12", SearchOption.AllDirectories), f => f.Contains(code));

        using var pki = PkiDirectory.Open(options, TimeProvider.System);
        var seal = pki.GetSeal(code);
        Assert.IsType<Pkcs11PrivateKey>(seal.Key.PrivateKey);
        var signature = seal.Key.PrivateKey.Sign([1, 2, 3]);
        var verifier = SignerUtilities.GetSigner(seal.Key.SignatureAlgorithm);
        verifier.Init(false, seal.Key.Certificate.GetPublicKey());
        verifier.BlockUpdate([1, 2, 3], 0, 3);
        Assert.True(verifier.VerifySignature(signature));
    }

    private static Net.Pkcs11Interop.HighLevelAPI.IObjectAttribute ReadAttribute(Pkcs11Token token, CKO objectClass, string label, CKA attribute) =>
        token.WithSession(session =>
        {
            var handle = session.FindAllObjects(
            [
                token.Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, objectClass),
                token.Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label),
            ]).Single();
            return session.GetAttributeValue(handle, [attribute])[0];
        });
}
