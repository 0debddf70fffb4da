using System.Globalization;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>Structural equality of PDF objects, as a read-back after re-serialisation must show it.</summary>
internal static class PdfObjects
{
    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> are the same object. Numbers compare at the
    /// writer's documented precision (five decimals, so 1.0 and 1 are equal); a stream's /Length is
    /// rewritten on output by design and is not compared.
    /// </summary>
    public static bool Same(PdfObject? a, PdfObject? b, int depth = 0)
    {
        if (depth > 200)
        {
            return false;
        }
        switch (a, b)
        {
            case (null, null):
                return true;
            case (PdfNull, PdfNull):
                return true;
            case (PdfBoolean x, PdfBoolean y):
                return x.Value == y.Value;
            case (PdfInteger or PdfReal, PdfInteger or PdfReal):
                return Number(a) == Number(b);
            case (PdfName x, PdfName y):
                return x.Value == y.Value;
            case (PdfString x, PdfString y):
                return x.Bytes.AsSpan().SequenceEqual(y.Bytes);
            case (PdfReference x, PdfReference y):
                return x.Number == y.Number && x.Generation == y.Generation;
            case (PdfArray x, PdfArray y):
                if (x.Count != y.Count)
                {
                    return false;
                }
                for (var i = 0; i < x.Count; i++)
                {
                    if (!Same(x[i], y[i], depth + 1))
                    {
                        return false;
                    }
                }
                return true;
            case (PdfStream x, PdfStream y):
                return SameEntries(x.Dictionary, y.Dictionary, depth, "Length") && x.EncodedData.Span.SequenceEqual(y.EncodedData.Span);
            case (PdfDictionary x, PdfDictionary y):
                return SameEntries(x, y, depth, null);
            default:
                return false;
        }
    }

    private static bool SameEntries(PdfDictionary x, PdfDictionary y, int depth, string? ignored)
    {
        var keys = x.Keys.Where(k => k != ignored).ToHashSet(StringComparer.Ordinal);
        if (!keys.SetEquals(y.Keys.Where(k => k != ignored)))
        {
            return false;
        }
        return keys.All(k => Same(x[k], y[k], depth + 1));
    }

    private static string Number(PdfObject value) => value switch
    {
        PdfInteger i => i.Value.ToString(CultureInfo.InvariantCulture),
        PdfReal r => Real(r.Value),
        _ => "",
    };

    /// <summary>A real as the writer prints it (PdfObjectSerializer.FormatReal: five decimals, NaN and infinities as 0).</summary>
    private static string Real(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "0";
        }
        var text = value.ToString("0.#####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }
}
