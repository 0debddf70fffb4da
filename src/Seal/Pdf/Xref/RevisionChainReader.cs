using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Parsing;

namespace OneThing.Seal.Pdf.Xref;

/// <summary>
/// Follows <c>startxref</c> and the /Prev chain (with /XRefStm of hybrid files) to list every
/// revision, oldest first. Loops and overlong chains are rejected.
/// </summary>
internal static class RevisionChainReader
{
    public static IReadOnlyList<PdfRevision> Read(ReadOnlyMemory<byte> data, PdfReaderLimits limits)
    {
        if (data.Length < 8 || !HasHeader(data.Span))
        {
            throw new PdfFormatException("not a PDF: no %PDF- header");
        }
        var startxref = FindStartXref(data);
        var sections = new List<XrefSection>();
        var visited = new HashSet<long>();
        var budget = limits.MaxXrefEntries;
        long? next = startxref;
        while (next is { } offset)
        {
            if (!visited.Add(offset))
            {
                throw new PdfFormatException($"loop in the /Prev chain at offset {offset}");
            }
            if (sections.Count >= limits.MaxRevisions)
            {
                throw new PdfFormatException($"more than {limits.MaxRevisions} cross-reference sections");
            }
            if (offset < 0 || offset >= data.Length)
            {
                throw new PdfFormatException($"cross-reference offset {offset} is outside the file (truncated?)");
            }
            var section = ReadSection(data, offset, limits, budget);
            budget -= section.Entries.Count;
            if (!section.IsStream && section.Trailer["XRefStm"] is PdfInteger { Value: >= 0 } xrefStm && visited.Add(xrefStm.Value))
            {
                // Hybrid file: the table wins where it has an in-use entry; the stream supplies the rest.
                if (xrefStm.Value >= data.Length)
                {
                    throw new PdfFormatException($"/XRefStm offset {xrefStm.Value} is outside the file");
                }
                var hidden = XrefStreamReader.Read(data, xrefStm.Value, limits, budget);
                budget -= hidden.Entries.Count;
                var merged = new Dictionary<int, XrefEntry>(hidden.Entries);
                foreach (var (n, e) in section.Entries)
                {
                    if (e.Kind == XrefEntryKind.InUse || !merged.ContainsKey(n))
                    {
                        merged[n] = e;
                    }
                }
                section = section with { Entries = merged };
            }
            sections.Add(section);
            next = section.Trailer["Prev"] switch
            {
                PdfInteger p => p.Value,
                PdfReal r => (long)r.Value,
                _ => null,
            };
        }

        sections.Reverse();
        var revisions = new List<PdfRevision>(sections.Count);
        foreach (var s in sections)
        {
            var end = FindRevisionEnd(data, s.EndOfSection);
            if (revisions.Count > 0 && end <= revisions[^1].EndOffset)
            {
                // Linearized files: the first-page section sits before the main one; they form one revision.
                var prev = revisions[^1];
                var entries = new Dictionary<int, XrefEntry>(prev.Entries);
                foreach (var (n, e) in s.Entries)
                {
                    entries[n] = e;
                }
                revisions[^1] = prev with { Entries = entries, Trailer = s.Trailer, XrefOffset = s.Offset };
                continue;
            }
            revisions.Add(new PdfRevision(revisions.Count, s.Offset, s.IsStream, s.Trailer, s.Entries, end));
        }
        return revisions;
    }

    private static XrefSection ReadSection(ReadOnlyMemory<byte> data, long offset, PdfReaderLimits limits, int budget) =>
        ClassicXrefReader.StartsAt(data, offset)
            ? ClassicXrefReader.Read(data, offset, limits, budget)
            : XrefStreamReader.Read(data, offset, limits, budget);

    private static bool HasHeader(ReadOnlySpan<byte> span)
    {
        // The header may follow some garbage (§7.5.2 is strict, readers are lenient within the first KB).
        var head = span[..Math.Min(span.Length, 1024)];
        return head.IndexOf("%PDF-"u8) >= 0;
    }

    private static long FindStartXref(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        var tailStart = Math.Max(0, span.Length - 2048);
        var at = span[tailStart..].LastIndexOf("startxref"u8);
        if (at < 0)
        {
            throw new PdfFormatException("no startxref near the end of the file (truncated?)");
        }
        var lexer = new PdfLexer(data) { Position = tailStart + at + "startxref".Length };
        return lexer.ReadUnsignedInteger("startxref offset");
    }

    /// <summary>The offset just after the <c>%%EOF</c> (and its end-of-line) that closes a section.</summary>
    private static long FindRevisionEnd(ReadOnlyMemory<byte> data, int from)
    {
        var span = data.Span;
        var at = span[Math.Min(from, span.Length)..].IndexOf("%%EOF"u8);
        if (at < 0)
        {
            return span.Length;
        }
        var end = from + at + 5;
        if (end < span.Length && span[end] == '\r')
        {
            end++;
        }
        if (end < span.Length && span[end] == '\n')
        {
            end++;
        }
        return end;
    }
}
