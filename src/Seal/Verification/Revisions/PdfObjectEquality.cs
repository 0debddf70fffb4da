using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>Structural equality of PDF objects (references compared as references, streams by dictionary and stored bytes).</summary>
public static class PdfObjectEquality
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
            (PdfArray x, PdfArray y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second, depth + 1)),
            (PdfDictionary x, PdfDictionary y) => DictionariesEqual(x, y, depth, ignoreLength: false),
            (PdfStream x, PdfStream y) => DictionariesEqual(x.Dictionary, y.Dictionary, depth, ignoreLength: true)
                && x.EncodedData.Span.SequenceEqual(y.EncodedData.Span),
            _ => false,
        };
    }

    private static bool DictionariesEqual(PdfDictionary x, PdfDictionary y, int depth, bool ignoreLength)
    {
        var keys = x.Keys.Concat(y.Keys).Distinct(StringComparer.Ordinal);
        return keys.All(k => (ignoreLength && k == "Length") || AreEqual(x[k], y[k], depth + 1));
    }

    /// <summary>Keys whose values differ between two dictionaries (added, removed or changed).</summary>
    public static IReadOnlyList<string> ChangedKeys(PdfDictionary before, PdfDictionary after) =>
        before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal).Where(k => !AreEqual(before[k], after[k])).ToArray();
}
