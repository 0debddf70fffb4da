namespace OneThing.Seal.Tests.Support;

/// <summary>Renders a page with pdftoppm (annotations included) and reads the PPM pixels.</summary>
public sealed class Raster(int width, int height, byte[] rgb, double scale)
{
    public int Width { get; } = width;
    public int Height { get; } = height;
    private byte[] Rgb { get; } = rgb;

    public static Raster Render(byte[] pdf, int page, int dpi, string? keepPngAt = null)
    {
        using var dir = new TempDirectory();
        var input = dir.File("doc.pdf");
        File.WriteAllBytes(input, pdf);
        var result = ExternalTool.Run("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, dir.File("page")]);
        Assert.True(result.ExitCode == 0, "pdftoppm failed: " + result.Output);
        if (keepPngAt is not null)
        {
            ExternalTool.Run("pdftoppm", ["-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, keepPngAt]);
        }
        var ppm = File.ReadAllBytes(dir.File("page.ppm"));
        // P6 header: "P6\n<w> <h>\n255\n"
        var fields = new List<string>();
        var pos = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)ppm[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)ppm[pos])) pos++;
            fields.Add(System.Text.Encoding.ASCII.GetString(ppm, start, pos - start));
        }
        pos++;
        return new Raster(int.Parse(fields[1]), int.Parse(fields[2]), ppm[pos..], dpi / 72.0);
    }

    /// <summary>Pixels of the <paramref name="width"/>×<paramref name="height"/> block at (<paramref name="left"/>, <paramref name="top"/>) that differ from <paramref name="other"/>'s block at (0, 0) by more than <paramref name="tolerance"/> in any channel.</summary>
    public int CountDifferences(Raster other, int left, int top, int width, int height, int tolerance)
    {
        var count = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((top + y) * Width + left + x) * 3;
                var j = (y * other.Width + x) * 3;
                if (Math.Abs(Rgb[i] - other.Rgb[j]) > tolerance || Math.Abs(Rgb[i + 1] - other.Rgb[j + 1]) > tolerance || Math.Abs(Rgb[i + 2] - other.Rgb[j + 2]) > tolerance)
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>Counts pixels matching <paramref name="predicate"/> inside a rectangle given in PDF points (origin bottom-left).</summary>
    public int Count(double x0, double y0, double x1, double y1, Func<byte, byte, byte, bool> predicate)
    {
        var count = 0;
        var px0 = (int)(x0 * scale);
        var px1 = Math.Min(Width, (int)(x1 * scale));
        var py0 = Math.Max(0, Height - (int)(y1 * scale));
        var py1 = Math.Min(Height, Height - (int)(y0 * scale));
        for (var y = py0; y < py1; y++)
        {
            for (var x = px0; x < px1; x++)
            {
                var i = (y * Width + x) * 3;
                if (predicate(Rgb[i], Rgb[i + 1], Rgb[i + 2]))
                {
                    count++;
                }
            }
        }
        return count;
    }
}
