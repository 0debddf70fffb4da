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
/// serves the revision through the store, which proves its integrity first.
/// </summary>
public sealed class DownloadTokenSigner(byte[] key, TimeProvider timeProvider)
{
    private const string Version = "v1";

    public string CreateToken(DocumentKey documentKey, string contentType, string fileName, DateTimeOffset expiresAt)
    {
        var payload = string.Join('\n', Version, documentKey.ObjectKey,
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
        if (parts.Length != 5 || parts[0] != Version || !DocumentKey.TryParse(parts[1], out var documentKey) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix))
            throw new InvalidDownloadTokenException("unknown token format");

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        if (timeProvider.GetUtcNow() >= expiresAt)
            throw new InvalidDownloadTokenException($"expired at {expiresAt:O}");
        return new DownloadGrant(documentKey!, parts[3], parts[4], ContentDispositionBuilder.Attachment(parts[4]), expiresAt);
    }
}
