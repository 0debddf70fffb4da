using System.IO.Compression;

namespace OneThing.Seal.Pdf.Filters;

/// <summary>
/// /FlateDecode (zlib). Output is capped so a zip bomb fails fast; a missing Adler-32 trailer
/// (PDFsharp writes none) is accepted because the deflate data itself is complete.
/// </summary>
public static class FlateDecoder
{
    public static byte[] Decode(ReadOnlySpan<byte> encoded, int maxOutput)
    {
        using var input = new MemoryStream(encoded.ToArray(), writable: false);
        using var output = new MemoryStream(Math.Min(Math.Max(encoded.Length * 4, 256), maxOutput));
        try
        {
            using var z = new ZLibStream(input, CompressionMode.Decompress);
            var buffer = new byte[16384];
            int n;
            while ((n = z.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + n > maxOutput)
                {
                    throw new PdfFormatException($"decoded stream larger than the limit of {maxOutput} bytes");
                }
                output.Write(buffer, 0, n);
            }
        }
        // zlib's own error codes (e.g. a stream asking for a preset dictionary) surface as an IOException
        // (ZLibException) rather than InvalidDataException: the same damaged data either way.
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Keep what decoded cleanly: damaged tails are common and the verifier only needs structure.
            if (output.Length == 0)
            {
                throw new PdfFormatException("corrupt Flate data: " + ex.Message, ex);
            }
        }
        return output.ToArray();
    }

    public static byte[] Encode(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write(data);
        }
        return output.ToArray();
    }
}
