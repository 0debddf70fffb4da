using System.Collections;

namespace OneThing.Seal.Pdf.Objects;

public sealed class PdfArray : PdfObject, IReadOnlyList<PdfObject>
{
    private readonly List<PdfObject> _items;

    public PdfArray() => _items = [];
    public PdfArray(IEnumerable<PdfObject> items) => _items = [.. items];

    /// <summary>An array of exactly these elements, without room to spare (the parser's arrays are never extended).</summary>
    internal PdfArray(ReadOnlySpan<PdfObject> items)
    {
        _items = new List<PdfObject>(items.Length);
        _items.AddRange(items);
    }

    public PdfObject this[int index] => _items[index];
    public int Count => _items.Count;
    public void Add(PdfObject item) => _items.Add(item);
    public IEnumerator<PdfObject> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override PdfObject DeepClone() => new PdfArray(_items.Select(i => i.DeepClone()));

    public static PdfArray Of(params PdfObject[] items) => new(items);
}
