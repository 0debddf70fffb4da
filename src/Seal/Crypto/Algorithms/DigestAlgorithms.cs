using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace OneThing.Seal.Crypto.Algorithms;

/// <summary>Maps digest algorithm OIDs met in CMS and RFC 3161 onto hash names; SM3 is hashed by BouncyCastle (.NET has none).</summary>
public static class DigestAlgorithms
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    /// <summary>SM3 (GB/T 32905, GM/T 0004), OID from GM/T 0006.</summary>
    public const string Sm3 = "1.2.156.10197.1.401";

    /// <summary>The name SM3 travels under wherever the code passes a <see cref="HashAlgorithmName"/>.</summary>
    public static HashAlgorithmName Sm3Name { get; } = new("SM3");

    public static HashAlgorithmName? FromOid(string oid) => oid switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        Sha1 => HashAlgorithmName.SHA1,
        Sm3 => Sm3Name,
        _ => null,
    };

    public static string Name(string oid) => FromOid(oid)?.Name ?? oid;

    /// <summary>SHA-1 is accepted only inside legacy ESS signing-certificate (v1) identifiers, never for the signed content.</summary>
    public static bool IsStrongForContent(string oid) => oid is Sha256 or Sha384 or Sha512 or Sm3;

    public static byte[] Hash(HashAlgorithmName name, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[64];
        var written = HashInto(name, data, buffer);
        return buffer[..written].ToArray();
    }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/> (64 bytes suffice) and returns the length written.</summary>
    public static int HashInto(HashAlgorithmName name, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (name == Sm3Name)
        {
            var sm3 = new SM3Digest();
            sm3.BlockUpdate(data);
            return sm3.DoFinal(destination);
        }
        return CryptographicOperations.HashData(name, data, destination);
    }
}
