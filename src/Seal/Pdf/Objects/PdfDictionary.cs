using System.Collections;

namespace OneThing.Seal.Pdf.Objects;

/// <summary>A dictionary keyed by name (without the slash); keeps insertion order so output is stable.</summary>
public sealed class PdfDictionary : PdfObject, IEnumerable<KeyValuePair<string, PdfObject>>
{
    private readonly Dictionary<string, PdfObject> _entries;

    public PdfDictionary() => _entries = new(StringComparer.Ordinal);

    /// <summary>An empty dictionary with room for <paramref name="capacity"/> entries (the parser's typical size, sparing regrowth).</summary>
    public PdfDictionary(int capacity) => _entries = new(capacity, StringComparer.Ordinal);
    private PdfDictionary(Dictionary<string, PdfObject> entries) => _entries = entries;

    public int Count => _entries.Count;

    public PdfObject? this[string key]
    {
        get => _entries.TryGetValue(key, out var v) ? v : null;
        set
        {
            if (value is null)
            {
                _entries.Remove(key);
            }
            else
            {
                _entries[key] = value;
            }
        }
    }

    public bool ContainsKey(string key) => _entries.ContainsKey(key);
    public bool Remove(string key) => _entries.Remove(key);
    public IEnumerable<string> Keys => _entries.Keys;

    public PdfName? GetName(string key) => this[key] as PdfName;
    public bool IsType(string type) => GetName("Type")?.Value == type;

    public IEnumerator<KeyValuePair<string, PdfObject>> GetEnumerator() => _entries.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A copy of this dictionary whose values are shared (enough to change top-level entries).</summary>
    public PdfDictionary ShallowClone() => new(new Dictionary<string, PdfObject>(_entries, StringComparer.Ordinal));

    public override PdfObject DeepClone()
    {
        var copy = new Dictionary<string, PdfObject>(_entries.Count, StringComparer.Ordinal);
        foreach (var (k, v) in _entries)
        {
            copy[k] = v.DeepClone();
        }
        return new PdfDictionary(copy);
    }
}
