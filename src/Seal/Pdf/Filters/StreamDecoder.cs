using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Filters;

/// <summary>Applies a stream's /Filter chain. Only what structure reading needs is supported (Flate with predictors); others fail clearly.</summary>
internal static class StreamDecoder
{
    public static byte[] Decode(PdfStream stream, PdfReaderLimits limits)
    {
        var filters = stream.Dictionary["Filter"] switch
        {
            null => [],
            PdfName n => [n],
            PdfArray a => a.Select(f => f as PdfName ?? throw new PdfFormatException("/Filter entry is not a name")).ToArray(),
            _ => throw new PdfFormatException("/Filter is neither a name nor an array"),
        };
        var parms = stream.Dictionary["DecodeParms"] switch
        {
            PdfDictionary d => [d],
            PdfArray a => a.Select(p => p as PdfDictionary).ToArray(),
            _ => Array.Empty<PdfDictionary?>(),
        };
        if (filters.Length > 8)
        {
            throw new PdfFormatException("too many stream filters");
        }
        var data = stream.EncodedData.ToArray();
        for (var i = 0; i < filters.Length; i++)
        {
            var p = i < parms.Length ? parms[i] : null;
            data = filters[i].Value switch
            {
                "FlateDecode" or "Fl" => ApplyPredictor(FlateDecoder.Decode(data, limits.MaxDecodedStreamLength), p),
                _ => throw new PdfFormatException($"unsupported stream filter /{filters[i].Value}"),
            };
        }
        if (data.Length > limits.MaxDecodedStreamLength)
        {
            throw new PdfFormatException($"stream larger than the limit of {limits.MaxDecodedStreamLength} bytes");
        }
        return data;
    }

    private static byte[] ApplyPredictor(byte[] data, PdfDictionary? parms)
    {
        if (parms is null)
        {
            return data;
        }
        int Get(string key, int fallback) => parms[key] is PdfInteger i && i.Value is >= int.MinValue and <= int.MaxValue ? (int)i.Value : fallback;
        return PngPredictor.Undo(data, Get("Predictor", 1), Get("Colors", 1), Get("BitsPerComponent", 8), Get("Columns", 1));
    }
}
