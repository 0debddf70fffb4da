using System.Security.Cryptography;

namespace OneThing.Seal.Crypto.Algorithms;

/// <summary>Maps digest algorithm OIDs met in CMS and RFC 3161 onto .NET hash names.</summary>
public static class DigestAlgorithms
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public static HashAlgorithmName? FromOid(string oid) => oid switch
    {
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        Sha1 => HashAlgorithmName.SHA1,
        _ => null,
    };

    public static string Name(string oid) => FromOid(oid)?.Name ?? oid;

    /// <summary>SHA-1 is accepted only inside legacy ESS signing-certificate (v1) identifiers, never for the signed content.</summary>
    public static bool IsStrongForContent(string oid) => oid is Sha256 or Sha384 or Sha512;

    public static byte[] Hash(HashAlgorithmName name, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[64];
        var written = CryptographicOperations.HashData(name, data, buffer);
        return buffer[..written].ToArray();
    }
}
