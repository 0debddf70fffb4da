using System.Collections;

namespace OneThing.Seal.Pdf.Objects;

/// <summary>
/// A dictionary keyed by name (without the slash); keeps insertion order so output is stable.
/// </summary>
/// <remarks>
/// Almost every PDF dictionary has a handful of entries, and a verification parses hundreds of them:
/// up to <see cref="SmallCapacity"/> entries live in two small arrays searched linearly (names of the
/// shared name table compare by reference first), beyond that in a <see cref="Dictionary{TKey,TValue}"/>.
/// The small form orders entries exactly as <see cref="Dictionary{TKey,TValue}"/> enumerates them —
/// a removed entry's slot is reused by the next addition, most recently freed first — so the writer's
/// output is the same whichever form a dictionary is in.
/// </remarks>
public sealed class PdfDictionary : PdfObject, IEnumerable<KeyValuePair<string, PdfObject>>
{
    private const int SmallCapacity = 16;

    // Small form: slots [0, _used); a free slot has a null key and its _nextFree link.
    private string?[]? _keys;
    private PdfObject?[]? _values;
    private int[]? _nextFree;
    private int _used;
    private int _count;
    private int _freeList = -1;

    // Large form (once more than SmallCapacity entries were needed at the same time).
    private Dictionary<string, PdfObject>? _large;

    public PdfDictionary()
    {
    }

    /// <summary>An empty dictionary with room for <paramref name="capacity"/> entries (the parser's typical size, sparing regrowth).</summary>
    public PdfDictionary(int capacity)
    {
        if (capacity > SmallCapacity)
        {
            _large = new Dictionary<string, PdfObject>(capacity, StringComparer.Ordinal);
        }
        else if (capacity > 0)
        {
            _keys = new string?[capacity];
            _values = new PdfObject?[capacity];
        }
    }

    public int Count => _large?.Count ?? _count;

    public PdfObject? this[string key]
    {
        get
        {
            if (_large is not null)
            {
                return _large.TryGetValue(key, out var v) ? v : null;
            }
            var i = IndexOf(key);
            return i < 0 ? null : _values![i];
        }
        set
        {
            if (value is null)
            {
                Remove(key);
            }
            else
            {
                Set(key, value);
            }
        }
    }

    public bool ContainsKey(string key) => _large?.ContainsKey(key) ?? IndexOf(key) >= 0;

    public bool Remove(string key)
    {
        if (_large is not null)
        {
            return _large.Remove(key);
        }
        var i = IndexOf(key);
        if (i < 0)
        {
            return false;
        }
        _keys![i] = null;
        _values![i] = null;
        (_nextFree ??= new int[_keys.Length])[i] = _freeList;
        _freeList = i;
        _count--;
        return true;
    }

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var (key, _) in this)
            {
                yield return key;
            }
        }
    }

    public PdfName? GetName(string key) => this[key] as PdfName;
    public bool IsType(string type) => GetName("Type")?.Value == type;

    /// <summary>The entries in order, without an enumerator object per <c>foreach</c> (the revision diff enumerates thousands).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, PdfObject>> IEnumerable<KeyValuePair<string, PdfObject>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator : IEnumerator<KeyValuePair<string, PdfObject>>
    {
        private readonly PdfDictionary _dictionary;
        private Dictionary<string, PdfObject>.Enumerator _large;
        private readonly bool _isLarge;
        private int _index;

        internal Enumerator(PdfDictionary dictionary)
        {
            _dictionary = dictionary;
            _isLarge = dictionary._large is not null;
            _large = _isLarge ? dictionary._large!.GetEnumerator() : default;
            _index = -1;
            Current = default;
        }

        public KeyValuePair<string, PdfObject> Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_isLarge)
            {
                if (_large.MoveNext())
                {
                    Current = _large.Current;
                    return true;
                }
                return false;
            }
            var keys = _dictionary._keys;
            while (++_index < _dictionary._used)
            {
                if (keys![_index] is { } key)
                {
                    Current = new KeyValuePair<string, PdfObject>(key, _dictionary._values![_index]!);
                    return true;
                }
            }
            _index = _dictionary._used;
            return false;
        }

        public void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }

    /// <summary>A copy of this dictionary whose values are shared (enough to change top-level entries).</summary>
    public PdfDictionary ShallowClone()
    {
        var copy = new PdfDictionary(Count);
        foreach (var (k, v) in this)
        {
            copy.Set(k, v);
        }
        return copy;
    }

    public override PdfObject DeepClone()
    {
        var copy = new PdfDictionary(Count);
        foreach (var (k, v) in this)
        {
            copy.Set(k, v.DeepClone());
        }
        return copy;
    }

    private int IndexOf(string key)
    {
        var keys = _keys;
        if (keys is null)
        {
            return -1;
        }
        for (var i = 0; i < _used; i++)
        {
            if (ReferenceEquals(keys[i], key))
            {
                return i;
            }
        }
        for (var i = 0; i < _used; i++)
        {
            if (keys[i] is { } k && k.Length == key.Length && string.Equals(k, key, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    private void Set(string key, PdfObject value)
    {
        if (_large is not null)
        {
            _large[key] = value;
            return;
        }
        var i = IndexOf(key);
        if (i >= 0)
        {
            _values![i] = value;
            return;
        }
        if (_freeList >= 0)
        {
            i = _freeList;
            _freeList = _nextFree![i];
        }
        else if (_used < SmallCapacity)
        {
            if (_keys is null || _used == _keys.Length)
            {
                var size = Math.Min(SmallCapacity, Math.Max(4, _used * 2));
                Array.Resize(ref _keys, size);
                Array.Resize(ref _values, size);
                if (_nextFree is not null)
                {
                    Array.Resize(ref _nextFree, size);
                }
            }
            i = _used++;
        }
        else
        {
            // Every slot is in use (free slots are reused first), so the order carried over is exactly the enumeration order.
            var large = new Dictionary<string, PdfObject>(SmallCapacity * 2, StringComparer.Ordinal);
            for (var j = 0; j < _used; j++)
            {
                large[_keys![j]!] = _values![j]!;
            }
            large[key] = value;
            _large = large;
            _keys = null;
            _values = null;
            _nextFree = null;
            _used = _count = 0;
            return;
        }
        _keys![i] = key;
        _values![i] = value;
        _count++;
    }
}
