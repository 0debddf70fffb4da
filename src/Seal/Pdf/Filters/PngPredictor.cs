namespace OneThing.Seal.Pdf.Filters;

/// <summary>Undoes /Predictor 2 (TIFF) and 10–15 (PNG) of Flate-encoded data (ISO 32000-1 §7.4.4.4), as used by xref and object streams.</summary>
internal static class PngPredictor
{
    public static byte[] Undo(byte[] data, int predictor, int colors, int bitsPerComponent, int columns)
    {
        if (predictor <= 1)
        {
            return data;
        }
        if (colors is < 1 or > 32 || bitsPerComponent is not (1 or 2 or 4 or 8 or 16) || columns is < 1 or > 1 << 20)
        {
            throw new PdfFormatException("invalid predictor parameters");
        }
        var bytesPerPixel = Math.Max(1, colors * bitsPerComponent / 8);
        var rowLength = (colors * bitsPerComponent * columns + 7) / 8;
        return predictor == 2 ? UndoTiff(data, bytesPerPixel, rowLength, bitsPerComponent) : UndoPng(data, bytesPerPixel, rowLength);
    }

    private static byte[] UndoTiff(byte[] data, int bpp, int rowLength, int bitsPerComponent)
    {
        if (bitsPerComponent != 8)
        {
            throw new PdfFormatException("TIFF predictor supported only for 8 bits per component");
        }
        var output = (byte[])data.Clone();
        for (var row = 0; row + rowLength <= output.Length; row += rowLength)
        {
            for (var i = bpp; i < rowLength; i++)
            {
                output[row + i] = (byte)(output[row + i] + output[row + i - bpp]);
            }
        }
        return output;
    }

    private static byte[] UndoPng(byte[] data, int bpp, int rowLength, int _ = 0)
    {
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var r = 0; r < rows; r++)
        {
            var inOffset = r * (rowLength + 1);
            var filter = data[inOffset];
            var row = output.AsSpan(r * rowLength, rowLength);
            data.AsSpan(inOffset + 1, rowLength).CopyTo(row);
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= bpp ? row[i - bpp] : 0;
                var up = previous[i];
                var upLeft = i >= bpp ? previous[i - bpp] : 0;
                row[i] = filter switch
                {
                    0 => row[i],
                    1 => (byte)(row[i] + left),
                    2 => (byte)(row[i] + up),
                    3 => (byte)(row[i] + ((left + up) >> 1)),
                    4 => (byte)(row[i] + Paeth(left, up, upLeft)),
                    _ => throw new PdfFormatException($"invalid PNG predictor filter type {filter}"),
                };
            }
            row.CopyTo(previous);
        }
        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
