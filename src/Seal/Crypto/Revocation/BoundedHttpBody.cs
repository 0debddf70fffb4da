namespace OneThing.Seal.Crypto.Revocation;

/// <summary>
/// Reads an OCSP or CRL answer from a server the certificate names, which may be anyone's: a body over the
/// limit is refused before it is held in memory (by its Content-Length, or while reading when it has none).
/// </summary>
public static class BoundedHttpBody
{
    /// <exception cref="IOException">The body is larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, long maxBytes, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > maxBytes) throw TooLarge(maxBytes);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IOException TooLarge(long maxBytes) => new($"response too large (over {maxBytes:N0} bytes)");
}
