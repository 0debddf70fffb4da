using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>Structural equality of PDF objects (references compared as references, streams by dictionary and stored bytes).</summary>
internal static class PdfObjectEquality
{
    private const int MaxDepth = 64;

    public static bool AreEqual(PdfObject? a, PdfObject? b) => AreEqual(a, b, 0);

    private static bool AreEqual(PdfObject? a, PdfObject? b, int depth)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a is null || b is null || depth > MaxDepth)
        {
            return false;
        }
        return (a, b) switch
        {
            (PdfNull, PdfNull) => true,
            (PdfBoolean x, PdfBoolean y) => x.Value == y.Value,
            (PdfInteger x, PdfInteger y) => x.Value == y.Value,
            (PdfReal x, PdfReal y) => x.Value.Equals(y.Value),
            (PdfInteger x, PdfReal y) => x.Value == y.Value,
            (PdfReal x, PdfInteger y) => x.Value == y.Value,
            (PdfName x, PdfName y) => x.Value == y.Value,
            (PdfString x, PdfString y) => x.Bytes.AsSpan().SequenceEqual(y.Bytes),
            (PdfReference x, PdfReference y) => x.Equals(y),
            (PdfArray x, PdfArray y) => ArraysEqual(x, y, depth),
            (PdfDictionary x, PdfDictionary y) => DictionariesEqual(x, y, depth, ignoreLength: false),
            (PdfStream x, PdfStream y) => DictionariesEqual(x.Dictionary, y.Dictionary, depth, ignoreLength: true)
                && x.EncodedData.Span.SequenceEqual(y.EncodedData.Span),
            _ => false,
        };
    }

    private static bool ArraysEqual(PdfArray x, PdfArray y, int depth)
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!AreEqual(x[i], y[i], depth + 1))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Equal when every key of either has equal values in both (an absent key counts as null).</summary>
    private static bool DictionariesEqual(PdfDictionary x, PdfDictionary y, int depth, bool ignoreLength)
    {
        foreach (var (key, value) in x)
        {
            if (!(ignoreLength && key == "Length") && !AreEqual(value, y[key], depth + 1))
            {
                return false;
            }
        }
        foreach (var (key, _) in y)
        {
            // Dictionaries hold no null values, so a key only y has is a difference.
            if (!(ignoreLength && key == "Length") && !x.ContainsKey(key))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Keys whose values differ between two dictionaries (added, removed or changed): <paramref name="before"/>'s in its order, then those only <paramref name="after"/> has.</summary>
    public static IReadOnlyList<string> ChangedKeys(PdfDictionary before, PdfDictionary after)
    {
        var changed = new List<string>();
        foreach (var (key, value) in before)
        {
            if (!AreEqual(value, after[key]))
            {
                changed.Add(key);
            }
        }
        foreach (var (key, _) in after)
        {
            if (!before.ContainsKey(key))
            {
                changed.Add(key);
            }
        }
        return changed;
    }
}
