using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions;

/// <summary>Hashes PDF objects consistently with <see cref="PdfObjectEquality"/>, so that list comparisons are linear (references by number and generation, scalars by value, containers shallowly).</summary>
internal sealed class StructuralComparer : IEqualityComparer<PdfObject>
{
    public static StructuralComparer Instance { get; } = new();

    public bool Equals(PdfObject? x, PdfObject? y) => PdfObjectEquality.AreEqual(x, y);

    public int GetHashCode(PdfObject obj) => obj switch
    {
        PdfDictionary d => DictionaryHash(d),
        PdfStream s => DictionaryHash(s.Dictionary) ^ s.EncodedData.Length,
        PdfArray a => a.Count,
        _ => ScalarHash(obj),
    };

    private static int ScalarHash(PdfObject obj)
    {
        switch (obj)
        {
            case PdfReference r:
                return r.GetHashCode();
            case PdfName n:
                return n.Value.GetHashCode(StringComparison.Ordinal);
            case PdfString s:
                var hash = new HashCode();
                hash.AddBytes(s.Bytes);
                return hash.ToHashCode();
            // An integer equals a real of the same value.
            case PdfInteger i:
                return ((double)i.Value).GetHashCode();
            case PdfReal r:
                return r.Value.GetHashCode();
            case PdfBoolean b:
                return b.Value ? 1 : 2;
            default:
                return obj.GetType().GetHashCode();
        }
    }

    /// <summary>Order-independent (dictionaries are equal whatever their key order); nested containers count by kind only. /Length is left out as equality ignores it for streams.</summary>
    private static int DictionaryHash(PdfDictionary d)
    {
        var hash = 0;
        foreach (var (key, value) in d)
        {
            if (key != "Length")
            {
                hash += HashCode.Combine(key, value is PdfArray or PdfDictionary or PdfStream ? value.GetType().GetHashCode() : ScalarHash(value));
            }
        }
        return hash;
    }
}
