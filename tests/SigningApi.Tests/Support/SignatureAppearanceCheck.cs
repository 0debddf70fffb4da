using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// What a reader sees of a signature field, checked with qpdf and pdftoppm (not with our own PDF
/// code): the widget's normal appearance (/AP /N, a form) and the pixels rendered inside its /Rect.
/// </summary>
public static partial class SignatureAppearanceCheck
{
    public sealed record Widget(string Field, int Page, double[] Rect, int AppearanceObject);

    public static Widget Find(byte[] pdf, string field)
    {
        var path = Temp(pdf, out var dir);
        try
        {
            var acroform = JsonNode.Parse(ExternalTool.Run("qpdf", "--json=2", "--json-key=acroform", path).Output)!;
            var entry = acroform["acroform"]!["fields"]!.AsArray().Single(f => f!["fullname"]!.GetValue<string>() == field)!;
            var page = entry["pageposfrom1"]!.GetValue<int>();
            var annotation = ObjectNumber(entry["annotation"]!["object"]!.GetValue<string>());
            var widget = ExternalTool.Run("qpdf", $"--show-object={annotation}", path).Output;
            var ap = AppearanceN().Match(widget);
            Assert.True(ap.Success, $"{field}: the widget has no /AP /N: {widget}");
            var rect = RectPattern().Match(widget).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var n = int.Parse(ap.Groups[1].Value, CultureInfo.InvariantCulture);
            var form = ExternalTool.Run("qpdf", $"--show-object={n}", path).Output;
            Assert.Contains("/Subtype /Form", form);
            return new Widget(field, page, rect, n);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Pixels inside the widget's rectangle (rendered at 72 dpi) that are clearly red.</summary>
    public static int RedPixelsIn(byte[] pdf, Widget widget) =>
        PixelsIn(pdf, widget, inset: 0, (r, g, b) => r > 160 && g < 110 && b < 110);

    /// <summary>
    /// Pixels drawn in ink (dark) inside the widget's rectangle, a few pixels in from its edge, where the
    /// contract's own dashed field frame lies: an unsigned field counts none.
    /// </summary>
    public static int InkPixelsIn(byte[] pdf, Widget widget) =>
        PixelsIn(pdf, widget, inset: 4, (r, g, b) => r < 140 && g < 140 && b < 170);

    private static int PixelsIn(byte[] pdf, Widget widget, int inset, Func<byte, byte, byte, bool> counts)
    {
        var path = Temp(pdf, out var dir);
        try
        {
            var prefix = Path.Combine(dir, "page");
            var run = ExternalTool.Run("pdftoppm", "-r", "72", "-f", $"{widget.Page}", "-l", $"{widget.Page}", "-singlefile", path, prefix);
            Assert.True(run.ExitCode == 0, run.Output);
            var (width, height, rgb) = ReadPpm(File.ReadAllBytes(prefix + ".ppm"));
            int x0 = (int)Math.Min(widget.Rect[0], widget.Rect[2]) + inset, x1 = (int)Math.Max(widget.Rect[0], widget.Rect[2]) - inset;
            // PDF y grows upwards from the bottom of the page; image rows grow downwards.
            int y0 = height - (int)Math.Max(widget.Rect[1], widget.Rect[3]) + inset, y1 = height - (int)Math.Min(widget.Rect[1], widget.Rect[3]) - inset;
            var counted = 0;
            for (var y = Math.Max(0, y0); y < Math.Min(height, y1); y++)
            for (var x = Math.Max(0, x0); x < Math.Min(width, x1); x++)
            {
                var i = (y * width + x) * 3;
                if (counts(rgb[i], rgb[i + 1], rgb[i + 2])) counted++;
            }
            return counted;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (int Width, int Height, byte[] Rgb) ReadPpm(byte[] ppm)
    {
        // P6 header: magic, width, height, maxval, each separated by whitespace, then raw RGB bytes.
        var fields = new List<string>();
        var pos = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)ppm[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)ppm[pos])) pos++;
            fields.Add(Encoding.ASCII.GetString(ppm, start, pos - start));
        }
        Assert.Equal("P6", fields[0]);
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture), ppm[(pos + 1)..]);
    }

    private static int ObjectNumber(string reference) => int.Parse(reference.Split(' ')[0], CultureInfo.InvariantCulture);

    private static string Temp(byte[] pdf, out string dir)
    {
        dir = Directory.CreateTempSubdirectory("sig-appearance-").FullName;
        var path = Path.Combine(dir, "document.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    [GeneratedRegex(@"/AP << /N (\d+) 0 R")]
    private static partial Regex AppearanceN();

    [GeneratedRegex(@"/Rect \[ ([-\d. ]+) \]")]
    private static partial Regex RectPattern();
}
