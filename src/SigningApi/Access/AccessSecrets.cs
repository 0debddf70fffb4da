using System.Security.Cryptography;
using System.Text;

namespace OneThing.SigningApi.Access;

/// <summary>Random link secrets and codes, and the hashes that are all the database keeps of them.</summary>
internal static class AccessSecrets
{
    public static string NewLinkToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Codes are hashed with their link id so equal codes on two links never share a hash.</summary>
    public static string HashCode(Guid linkId, string code) => Hash($"{linkId:N}:{code}");

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
