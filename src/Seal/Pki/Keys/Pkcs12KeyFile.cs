using OneThing.Durability;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Keys;

/// <summary>Reads and writes a key with its certificate chain as a password-protected PKCS#12 file.</summary>
public static class Pkcs12KeyFile
{
    /// <summary>Loads the (single) key entry of <paramref name="path"/>: the key, its certificate and the chain above it.</summary>
    public static CertifiedSigningKey Load(string path, string password)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The PKCS#12 key file '{path}' does not exist.", path);
        }

        var store = new Pkcs12StoreBuilder().Build();
        try
        {
            using var stream = File.OpenRead(path);
            store.Load(stream, password.ToCharArray());
        }
        catch (Exception e) when (e is IOException or PkcsException or InvalidDataException or Org.BouncyCastle.Asn1.Asn1Exception or ArgumentException)
        {
            throw new InvalidDataException($"Cannot open the PKCS#12 file '{path}': wrong password or damaged file ({e.Message}).", e);
        }

        var alias = store.Aliases.FirstOrDefault(store.IsKeyEntry)
            ?? throw new InvalidDataException($"The PKCS#12 file '{path}' holds no private key.");
        var chain = store.GetCertificateChain(alias)?.Select(c => c.Certificate).ToList()
            ?? throw new InvalidDataException($"The PKCS#12 file '{path}' holds no certificate for its key.");
        var key = InMemoryPrivateKey.FromBouncyCastle(store.GetKey(alias).Key);
        return new CertifiedSigningKey(key, chain[0], chain.Skip(1).ToList());
    }

    /// <summary>Writes <paramref name="key"/> with its chain to <paramref name="path"/> (via a temporary file, so a crash leaves no half file).</summary>
    public static void Save(string path, string alias, InMemoryPrivateKey key, X509Certificate certificate, IEnumerable<X509Certificate> chain, string password)
    {
        // PBES2 with AES-256 and HMAC-SHA256 for key and certificates: BouncyCastle's default (RC2-40,
        // 3DES) is legacy that OpenSSL 3 refuses to read without -legacy.
        var store = new Pkcs12StoreBuilder()
            .SetKeyAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetCertAlgorithm(NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256)
            .SetUseDerEncoding(true)
            .Build();
        var entries = new[] { certificate }.Concat(chain).Select(c => new X509CertificateEntry(c)).ToArray();
        store.SetKeyEntry(alias, new AsymmetricKeyEntry(key.ExportBouncyCastle()), entries);
        // Owner-only: the password protects the key, the file mode keeps others from even trying.
        DurableFile.Write(path, stream => store.Save(stream, password.ToCharArray(), new SecureRandom()),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
