using System.Net;
using System.Net.Http.Headers;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// A request body that is produced as the server reads it and counts what was taken, so a test can
/// tell a server that stopped reading at its limit from one that swallowed the whole upload first.
/// </summary>
public sealed class CountingContent(long length, bool declareLength, byte[] prefix, byte fill) : HttpContent
{
    private long _written;

    public long Written => Interlocked.Read(ref _written);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, fill);
        // Starts like the real thing (a PNG signature, a JSON string) so nothing refuses it for its first bytes alone.
        var first = (byte[])chunk.Clone();
        prefix.CopyTo(first, 0);
        try
        {
            while (Written < length)
            {
                var n = (int)Math.Min(chunk.Length, length - Written);
                await stream.WriteAsync((Written == 0 ? first : chunk).AsMemory(0, n));
                Interlocked.Add(ref _written, n);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The server answered and stopped reading: what was taken so far is the measurement.
        }
    }

    protected override bool TryComputeLength(out long size)
    {
        size = length;
        return declareLength;
    }

    /// <summary>A PNG signature followed by zeros, or for JSON an endless string value (<c>{"bankCode":"aaaa…</c>), which a JSON reader reads to the end.</summary>
    public static CountingContent Of(long length, string mediaType, bool declareLength)
    {
        var json = mediaType == "application/json";
        var content = new CountingContent(length, declareLength,
            json ? "{\"bankCode\":\""u8.ToArray() : [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], json ? (byte)'a' : (byte)0);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
