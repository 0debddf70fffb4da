using System.Collections.Concurrent;
using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Parsing;
using OneThing.Seal.Pdf.Xref;

namespace OneThing.Seal.Pdf;

/// <summary>
/// Random access to the objects of a PDF of any producer: classic xref tables, xref streams,
/// object streams, hybrid files and chains of incremental updates. Objects are parsed lazily on
/// first use and cached (thread-safe); objects handed out are shared and must not be modified.
/// Every failure on malformed or hostile input is a <see cref="PdfFormatException"/>.
/// </summary>
public sealed class PdfDocumentReader
{
    private Dictionary<int, XrefEntry>? _entries;
    private readonly ConcurrentDictionary<(int, int), ParsedObject> _objects = new();
    /// <summary>Created on first use: most files (and revision readers) never need one.</summary>
    private ConcurrentDictionary<int, ParsedObjectStream>? _objectStreams;

    /// <summary>The reader of the whole file, for a reader of an earlier revision (<see cref="ForRevision"/>): unchanged objects are parsed once, there.</summary>
    private readonly PdfDocumentReader? _origin;

    /// <summary>
    /// Revision readers' parses of objects the whole file defines differently (an older version), by
    /// location and with the length of the data they were read from; kept by the whole-file reader.
    /// </summary>
    private readonly ConcurrentDictionary<(int Number, int Generation, long Offset), (ParsedObject Parsed, int ReadFrom)>? _olderVersions;

    /// <summary>Older object versions kept for sharing between revision readers, at most (bounded memory on hostile files).</summary>
    private const int MaxSharedOlderVersions = 100_000;

    /// <summary><see cref="ResolveLength"/> as a delegate, made once per reader rather than once per object parsed.</summary>
    private Func<PdfReference, long?>? _resolveLength;

    /// <summary>Checked before every object parse and stream decode, so a caller's time budget ends work on hostile input.</summary>
    private readonly CancellationToken _cancellation;

    /// <summary>A parsed object, the offset where its bytes end, and the indirect /Length its parse depended on.</summary>
    private sealed record ParsedObject(PdfObject Value, long End, PdfReference? LengthReference, long? Length);

    /// <summary>A free or missing object (immutable, so shared).</summary>
    private static readonly ParsedObject Absent = new(PdfNull.Instance, 0, null, null);

    private sealed record ParsedObjectStream(ObjectStreamReader Reader, long End, PdfReference? LengthReference, long? Length);

    private PdfDocumentReader(ReadOnlyMemory<byte> data, PdfReaderLimits limits, IReadOnlyList<PdfRevision> revisions, CancellationToken cancellation, PdfDocumentReader? origin = null)
    {
        Data = data;
        Limits = limits;
        Revisions = revisions;
        _cancellation = cancellation;
        _origin = origin;
        if (origin is null)
        {
            _ = Entries;
            _olderVersions = new();
        }
    }

    /// <summary>Reads the structure of <paramref name="data"/> (xref chain and trailers); objects are read on demand.</summary>
    /// <param name="cancellationToken">Ends later object reads of this reader (and of its revision readers) with <see cref="OperationCanceledException"/>.</param>
    public static PdfDocumentReader Open(ReadOnlyMemory<byte> data, PdfReaderLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= PdfReaderLimits.Default;
        try
        {
            var revisions = RevisionChainReader.Read(data, limits);
            var reader = new PdfDocumentReader(data, limits, revisions, cancellationToken);
            if (reader.Trailer["Root"] is not PdfReference)
            {
                throw new PdfFormatException("trailer has no /Root reference");
            }
            return reader;
        }
        catch (Exception ex) when (ex is not PdfFormatException and (ArgumentException or IndexOutOfRangeException or InvalidDataException or OverflowException or FormatException))
        {
            throw new PdfFormatException("malformed PDF: " + ex.Message, ex);
        }
    }

    public ReadOnlyMemory<byte> Data { get; }
    public PdfReaderLimits Limits { get; }

    /// <summary>Every revision, oldest (the original file) first.</summary>
    public IReadOnlyList<PdfRevision> Revisions { get; }

    /// <summary>The trailer of the newest revision.</summary>
    public PdfDictionary Trailer => Revisions[^1].Trailer;

    public bool IsEncrypted => Trailer.ContainsKey("Encrypt");

    /// <summary>The merged cross-reference (newest entry per object number).</summary>
    public IReadOnlyDictionary<int, XrefEntry> Entries => _entries ??= Merge(Revisions);

    private static Dictionary<int, XrefEntry> Merge(IReadOnlyList<PdfRevision> revisions)
    {
        var merged = new Dictionary<int, XrefEntry>(revisions.Sum(r => r.Entries.Count));
        foreach (var revision in revisions)
        {
            foreach (var (n, e) in revision.Entries)
            {
                merged[n] = e;
            }
        }
        return merged;
    }

    /// <summary>
    /// The newest entry for an object. A reader of an earlier revision looks through its few xref
    /// sections instead of merging them all (the revision diff opens one reader per revision).
    /// </summary>
    public bool TryGetEntry(int number, out XrefEntry entry)
    {
        if (_entries is { } merged)
        {
            return merged.TryGetValue(number, out entry);
        }
        for (var i = Revisions.Count - 1; i >= 0; i--)
        {
            if (Revisions[i].Entries.TryGetValue(number, out entry))
            {
                return true;
            }
        }
        entry = default;
        return false;
    }

    /// <summary>The trailer's /Size: the first object number free for a new object.</summary>
    public int Size
    {
        get
        {
            var declared = Trailer["Size"] is PdfInteger { Value: > 0 and < int.MaxValue } s ? (int)s.Value : 0;
            var entries = Entries;
            var highest = entries.Count == 0 ? 0 : entries.Keys.Max() + 1;
            return Math.Max(declared, highest);
        }
    }

    public PdfReference RootReference => (PdfReference)Trailer["Root"]!;

    public PdfDictionary Catalog => GetObject(RootReference) as PdfDictionary
        ?? throw new PdfFormatException("document catalog (/Root) is not a dictionary");

    /// <summary>A reader of the document as it was at revision <paramref name="index"/> (the bytes up to its end).</summary>
    public PdfDocumentReader ForRevision(int index)
    {
        var revision = Revisions[index];
        return new PdfDocumentReader(Data[..(int)revision.EndOffset], Limits, Revisions.Take(index + 1).ToList(), _cancellation, _origin ?? this);
    }

    public PdfObject GetObject(PdfReference reference) => GetObject(reference.Number, reference.Generation);

    /// <summary>The object with this number and generation, or <see cref="PdfNull"/> when it is free or absent (§7.3.10).</summary>
    public PdfObject GetObject(int number, int generation) => GetParsed(number, generation).Value;

    private ParsedObject GetParsed(int number, int generation)
    {
        if (_objects.TryGetValue((number, generation), out var cached))
        {
            return cached;
        }
        _cancellation.ThrowIfCancellationRequested();
        var parsed = FromOrigin(number, generation) ?? FromLongerRevision(number, generation) ?? Load(number, generation);
        _objects.TryAdd((number, generation), parsed);
        return parsed;
    }

    /// <summary>
    /// An older version of an object (one a later revision redefines), parsed by the reader of a revision
    /// at least as long as this one — so the same parse here, by the argument of <see cref="FromOrigin"/>.
    /// An object the page tree or form of several earlier revisions share is then parsed once, not once
    /// per revision reader. Parses of a shorter reader are never taken: its data may end where a longer
    /// read would have continued.
    /// </summary>
    private ParsedObject? FromLongerRevision(int number, int generation)
    {
        if (_origin?._olderVersions is not { } shared || !TryGetEntry(number, out var entry) || entry.Kind != XrefEntryKind.InUse || entry.Generation != generation)
        {
            return null;
        }
        var key = (number, generation, entry.Offset);
        if (shared.TryGetValue(key, out var known) && known.ReadFrom >= Data.Length && Fits(known.Parsed))
        {
            return known.Parsed;
        }
        var parsed = Load(number, generation);
        if (shared.Count < MaxSharedOlderVersions && (!shared.TryGetValue(key, out known) || known.ReadFrom < Data.Length))
        {
            shared[key] = (parsed, Data.Length);
        }
        return parsed;
    }

    /// <summary>Whether a parse made from at least these bytes reads the same here: it ends inside this reader's data and any indirect /Length resolves alike.</summary>
    private bool Fits(ParsedObject parsed) =>
        parsed.End <= Data.Length && (parsed.LengthReference is not { } length || ResolveLength(length) == parsed.Length);

    /// <summary>
    /// The whole file's parse of an object this revision's xref places at the same spot, when it is
    /// provably the same parse here: its bytes end inside this revision (which closes with %%EOF, so no
    /// token can run on across the cut) and any indirect /Length it used has the same value here.
    /// </summary>
    private ParsedObject? FromOrigin(int number, int generation)
    {
        if (_origin is null || !TryGetEntry(number, out var mine) || !_origin.TryGetEntry(number, out var theirs) || mine != theirs)
        {
            return null;
        }
        if (mine.Kind == XrefEntryKind.Compressed
            && (!TryGetEntry(mine.ObjectStreamNumber, out var myStream) || !_origin.TryGetEntry(mine.ObjectStreamNumber, out var theirStream) || myStream != theirStream))
        {
            return null;
        }
        ParsedObject parsed;
        try
        {
            parsed = _origin.GetParsed(number, generation);
        }
        catch (PdfFormatException)
        {
            return null;
        }
        return Fits(parsed) ? parsed : null;
    }

    /// <summary>Follows a reference; direct objects are returned as they are.</summary>
    public PdfObject? Resolve(PdfObject? value) => value is PdfReference r ? GetObject(r) : value;

    public T? Resolve<T>(PdfObject? value) where T : PdfObject => Resolve(value) as T;

    /// <summary>The decoded data of a stream (Flate with predictors supported).</summary>
    public byte[] DecodeStream(PdfStream stream)
    {
        _cancellation.ThrowIfCancellationRequested();
        try
        {
            return StreamDecoder.Decode(stream, Limits);
        }
        catch (Exception ex) when (ex is not PdfFormatException and (ArgumentException or IndexOutOfRangeException or InvalidDataException or OverflowException))
        {
            throw new PdfFormatException("malformed stream: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// A stream's decoded data without copying it when the stream has no filter (its bytes in the file),
    /// else as <see cref="DecodeStream"/>: for reading the many small unfiltered DSS certificates and
    /// OCSP responses of every verification without a copy each.
    /// </summary>
    public ReadOnlyMemory<byte> StreamData(PdfStream stream)
    {
        if (stream.Dictionary["Filter"] is not null)
        {
            return DecodeStream(stream);
        }
        _cancellation.ThrowIfCancellationRequested();
        if (stream.EncodedData.Length > Limits.MaxDecodedStreamLength)
        {
            throw new PdfFormatException($"stream larger than the limit of {Limits.MaxDecodedStreamLength} bytes");
        }
        return stream.EncodedData;
    }

    /// <summary>The page objects in order, walking the page tree (loops and excessive depth rejected).</summary>
    public IReadOnlyList<(PdfReference Reference, PdfDictionary Page)> GetPages()
    {
        var pages = new List<(PdfReference, PdfDictionary)>(16);
        var visited = new HashSet<PdfReference>(32);
        if (Catalog["Pages"] is PdfReference root)
        {
            Walk(root, 0);
        }
        return pages;

        void Walk(PdfReference node, int depth)
        {
            if (depth > Limits.MaxNestingDepth || !visited.Add(node))
            {
                throw new PdfFormatException("page tree too deep or with a loop");
            }
            if (GetObject(node) is not PdfDictionary dict)
            {
                return;
            }
            if (dict.IsType("Pages") || (dict["Kids"] is not null && !dict.IsType("Page")))
            {
                if (Resolve(dict["Kids"]) is PdfArray kids)
                {
                    foreach (var kid in kids.OfType<PdfReference>())
                    {
                        Walk(kid, depth + 1);
                    }
                }
            }
            else
            {
                pages.Add((node, dict));
            }
        }
    }

    private ParsedObject Load(int number, int generation)
    {
        var absent = Absent;
        if (!TryGetEntry(number, out var entry))
        {
            return absent;
        }
        try
        {
            switch (entry.Kind)
            {
                case XrefEntryKind.InUse:
                    if (entry.Generation != generation)
                    {
                        return absent;
                    }
                    var (value, end, lengthReference, length) = ParseIndirect(entry, number, generation);
                    return new ParsedObject(value, end, lengthReference, length);
                case XrefEntryKind.Compressed:
                    if (generation != 0)
                    {
                        return absent;
                    }
                    var stream = GetObjectStream(entry.ObjectStreamNumber);
                    return new ParsedObject(stream.Reader.Get(entry.IndexInObjectStream, number), stream.End, stream.LengthReference, stream.Length);
                default:
                    return absent;
            }
        }
        catch (Exception ex) when (ex is not PdfFormatException and (ArgumentException or IndexOutOfRangeException or InvalidDataException or OverflowException))
        {
            throw new PdfFormatException($"object {number} {generation} R is malformed: {ex.Message}", ex);
        }
    }

    private (PdfObject Value, long End, PdfReference? LengthReference, long? Length) ParseIndirect(XrefEntry entry, int number, int generation)
    {
        var parser = new PdfObjectParser(Data, Limits);
        var value = parser.ParseIndirectObject(entry.Offset, number, generation, _resolveLength ??= ResolveLength);
        return (value, parser.Position, parser.LengthReference, parser.ResolvedLength);
    }

    private ParsedObjectStream GetObjectStream(int number)
    {
        var streams = LazyInitializer.EnsureInitialized(ref _objectStreams, static () => new ConcurrentDictionary<int, ParsedObjectStream>());
        if (streams.TryGetValue(number, out var cached))
        {
            return cached;
        }
        // Object streams must themselves be uncompressed objects: no recursion here.
        if (!TryGetEntry(number, out var entry) || entry.Kind != XrefEntryKind.InUse)
        {
            throw new PdfFormatException($"object stream {number} is missing or itself compressed");
        }
        var (value, end, lengthReference, length) = ParseIndirect(entry, number, entry.Generation);
        var stream = value as PdfStream ?? throw new PdfFormatException($"object stream {number} is not a stream");
        var reader = new ParsedObjectStream(new ObjectStreamReader(stream, Limits), end, lengthReference, length);
        streams.TryAdd(number, reader);
        return reader;
    }

    /// <summary>Resolves an indirect /Length; only uncompressed integer objects qualify, so it never recurses.</summary>
    private long? ResolveLength(PdfReference reference)
    {
        if (_objects.TryGetValue((reference.Number, reference.Generation), out var cached))
        {
            return (cached.Value as PdfInteger)?.Value;
        }
        if (!TryGetEntry(reference.Number, out var entry) || entry.Kind != XrefEntryKind.InUse || entry.Offset >= Data.Length)
        {
            return null;
        }
        try
        {
            var parser = new PdfObjectParser(Data, Limits) { Position = (int)entry.Offset };
            var lexer = parser.Lexer;
            if (!lexer.TryReadUnsignedInteger(out var n) || n != reference.Number || !lexer.TryReadUnsignedInteger(out _) || !lexer.TryReadKeyword("obj"u8))
            {
                return null;
            }
            return lexer.TryReadUnsignedInteger(out var length) ? length : null;
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }
}
