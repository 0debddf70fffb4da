using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;

namespace OneThing.Storage.Downloads;

/// <summary>
/// Expiring download tokens for the filesystem store, the counterpart of an S3 presigned URL:
/// base64url(payload) "." base64url(HMAC-SHA256(key, payload)). The API validates the token and
/// serves the revision through the store, which proves its bytes hash to the SHA-256 signed into the
/// token (the catalog's, when the link was made): rewriting the object and its metadata side by side
/// does not get other bytes served under the link.
/// </summary>
public sealed class DownloadTokenSigner(byte[] key, TimeProvider timeProvider)
{
    // v2 added the SHA-256; v1 links (at most an hour old at an upgrade) are refused as unknown.
    private const string Version = "v2";

    public string CreateToken(DocumentKey documentKey, string sha256, string contentType, string fileName, DateTimeOffset expiresAt)
    {
        var payload = string.Join('\n', Version, documentKey.ObjectKey, sha256,
            expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), contentType, fileName);
        var payloadBytes = Encoding.UTF8.GetBytes(payload);
        return Base64Url.EncodeToString(payloadBytes) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payloadBytes));
    }

    /// <exception cref="InvalidDownloadTokenException">Malformed, tampered with, or expired.</exception>
    public DownloadGrant Validate(string token)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) throw new InvalidDownloadTokenException("malformed token");
        byte[] payloadBytes, signature;
        try
        {
            payloadBytes = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            throw new InvalidDownloadTokenException("malformed token");
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payloadBytes)))
            throw new InvalidDownloadTokenException("signature does not match");

        var parts = Encoding.UTF8.GetString(payloadBytes).Split('\n');
        if (parts.Length != 6 || parts[0] != Version || !DocumentKey.TryParse(parts[1], out var documentKey) ||
            parts[2].Length != 64 || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix))
            throw new InvalidDownloadTokenException("unknown token format");

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        if (timeProvider.GetUtcNow() >= expiresAt)
            throw new InvalidDownloadTokenException($"expired at {expiresAt:O}");
        return new DownloadGrant(documentKey!, parts[2], parts[4], parts[5], ContentDispositionBuilder.Attachment(parts[5]), expiresAt);
    }
}
