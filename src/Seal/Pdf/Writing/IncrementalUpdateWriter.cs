using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Writing;

/// <summary>
/// Builds one append-only incremental update (ISO 32000-1 §7.5.6): new and changed objects are
/// appended after the original bytes, which are never modified, followed by a cross-reference
/// section — a classic table, or an xref stream when the previous revision used one — and a trailer
/// with /Prev, keeping /Root, /Info and the first /ID element.
/// </summary>
public sealed class IncrementalUpdateWriter
{
    private readonly PdfDocumentReader _base;
    private readonly SortedDictionary<int, (int Generation, PdfObject? Value)> _objects = new();
    private int _nextNumber;

    public IncrementalUpdateWriter(PdfDocumentReader baseDocument)
    {
        if (baseDocument.IsEncrypted)
        {
            throw new PdfFormatException("encrypted PDFs cannot be updated");
        }
        _base = baseDocument;
        _nextNumber = baseDocument.Size;
    }

    public PdfDocumentReader Base => _base;

    /// <summary>Reserves a number for an object whose content is set later (e.g. objects referring to each other).</summary>
    public PdfReference Reserve()
    {
        var reference = new PdfReference(_nextNumber++, 0);
        _objects[reference.Number] = (0, null);
        return reference;
    }

    public PdfReference Add(PdfObject value)
    {
        var reference = Reserve();
        Set(reference, value);
        return reference;
    }

    /// <summary>Sets the content of a reserved object, or replaces an existing object in this update.</summary>
    public void Set(PdfReference reference, PdfObject value) => _objects[reference.Number] = (reference.Generation, value);

    public WrittenUpdate Write()
    {
        foreach (var (number, (_, value)) in _objects)
        {
            if (value is null)
            {
                throw new InvalidOperationException($"object {number} was reserved but never set");
            }
        }
        var original = _base.Data;
        var output = new ArrayBufferWriter<byte>(4096 + _objects.Count * 256);
        var serializer = new PdfObjectSerializer(output);
        var span = original.Span;
        var lineStart = 0;
        if (span.Length > 0 && span[^1] is not ((byte)'\n' or (byte)'\r'))
        {
            serializer.WriteRaw("\n"u8);
            lineStart = 1;
        }
        _ = lineStart;
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        foreach (var (number, (generation, value)) in _objects)
        {
            offsets[number] = (original.Length + serializer.Position, generation);
            serializer.WriteIndirectObject(number, generation, value!);
        }

        var previous = _base.Revisions[^1];
        var size = Math.Max(_base.Size, _nextNumber);
        var trailer = new PdfDictionary();
        if (previous.UsesXrefStream)
        {
            var xrefNumber = size;
            size++;
            var xrefOffset = original.Length + serializer.Position;
            offsets[xrefNumber] = (xrefOffset, 0);
            FillTrailer(trailer, size, previous.XrefOffset);
            var stream = XrefSectionWriter.BuildXrefStream(trailer, offsets);
            serializer.WriteIndirectObject(xrefNumber, 0, stream);
            WriteStartXref(serializer, xrefOffset);
        }
        else
        {
            var xrefOffset = original.Length + serializer.Position;
            XrefSectionWriter.WriteClassicTable(serializer, offsets);
            FillTrailer(trailer, size, previous.XrefOffset);
            serializer.WriteRaw("trailer\n"u8);
            serializer.Write(trailer);
            serializer.WriteRaw("\n"u8);
            WriteStartXref(serializer, xrefOffset);
        }

        var appended = output.WrittenSpan.ToArray();
        long Absolute(int p) => p < 0 ? -1 : original.Length + p;
        return new WrittenUpdate(original, appended, Absolute(serializer.ByteRangePosition), Absolute(serializer.ContentsPosition), serializer.ContentsReservedBytes,
            Absolute(serializer.SealSignaturePosition), serializer.SealSignatureReservedBytes);
    }

    private void FillTrailer(PdfDictionary trailer, int size, long prev)
    {
        var old = _base.Trailer;
        trailer["Size"] = new PdfInteger(size);
        trailer["Root"] = old["Root"];
        if (old["Info"] is { } info)
        {
            trailer["Info"] = info;
        }
        var newId = new PdfString(RandomNumberGenerator.GetBytes(16), isHex: true);
        var firstId = old["ID"] is PdfArray { Count: 2 } id && id[0] is PdfString id0 ? id0 : newId;
        trailer["ID"] = PdfArray.Of(firstId, newId);
        trailer["Prev"] = new PdfInteger(prev);
    }

    private static void WriteStartXref(PdfObjectSerializer serializer, long xrefOffset)
    {
        serializer.WriteRaw("startxref\n"u8);
        serializer.WriteAscii(xrefOffset.ToString(CultureInfo.InvariantCulture));
        serializer.WriteRaw("\n%%EOF\n"u8);
    }
}
