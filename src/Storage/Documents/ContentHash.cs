using System.Security.Cryptography;

namespace OneThing.Storage.Documents;

/// <summary>SHA-256 as lower-case hex: the one form used in object metadata, the catalog and logs.</summary>
public static class ContentHash
{
    public static string Sha256Hex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static bool IsSha256Hex(string? value) =>
        value is { Length: 64 } && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Constant-time comparison of two hex digests.</summary>
    public static bool AreEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(a.ToLowerInvariant()), System.Text.Encoding.ASCII.GetBytes(b.ToLowerInvariant()));
}
