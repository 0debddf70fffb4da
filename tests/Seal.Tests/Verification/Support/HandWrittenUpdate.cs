using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>
/// Incremental updates written byte by byte, in the shapes the product's writer never makes: objects redefined inside
/// an object stream and listed by an xref stream, entries only a hybrid file's /XRefStm holds, and objects appended
/// with no cross-reference section at all (which viewers find by reconstructing the xref).
/// </summary>
public static class HandWrittenUpdate
{
    /// <summary>
    /// Redefines <paramref name="shadowed"/> (a dictionary, as object streams hold no streams) inside a new object stream
    /// and adds <paramref name="streams"/> as plain objects, all listed by one xref stream with /Prev.
    /// </summary>
    public static byte[] InObjectStream(byte[] pdf, (PdfReference Reference, PdfDictionary Value) shadowed, params (int Number, PdfStream Value)[] streams)
    {
        var document = PdfDocumentReader.Open(pdf);
        var (body, serializer) = Start(pdf);
        var objStm = document.Size + streams.Length;
        var xrefNumber = objStm + 1;
        var entries = new SortedDictionary<int, (byte Type, long Field2, int Field3)>();
        foreach (var (number, value) in streams)
        {
            entries[number] = (1, pdf.Length + serializer.Position, 0);
            serializer.WriteIndirectObject(number, 0, value);
        }
        var inner = new ArrayBufferWriter<byte>();
        new PdfObjectSerializer(inner).Write(shadowed.Value);
        var header = Encoding.ASCII.GetBytes($"{shadowed.Reference.Number} 0 ");
        entries[objStm] = (1, pdf.Length + serializer.Position, 0);
        serializer.WriteIndirectObject(objStm, 0, new PdfStream(new PdfDictionary
        {
            ["Type"] = new PdfName("ObjStm"),
            ["N"] = new PdfInteger(1),
            ["First"] = new PdfInteger(header.Length),
        }, (byte[])[.. header, .. inner.WrittenSpan]));
        entries[shadowed.Reference.Number] = (2, objStm, 0);
        var xrefOffset = pdf.Length + serializer.Position;
        entries[xrefNumber] = (1, xrefOffset, 0);
        serializer.WriteIndirectObject(xrefNumber, 0, XrefStream(document, entries, xrefNumber + 1));
        serializer.WriteAscii(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xrefOffset}\n%%EOF\n"));
        return [.. pdf, .. body.WrittenSpan];
    }

    /// <summary>
    /// A hybrid-file update: its classic table lists only <paramref name="harmless"/> (a new object), while its /XRefStm
    /// redefines <paramref name="hidden"/> — what a reader that ignores /XRefStm never sees.
    /// </summary>
    public static byte[] BehindXRefStm(byte[] pdf, (int Number, PdfStream Value) harmless, (PdfReference Reference, PdfDictionary Value) hidden)
    {
        var document = PdfDocumentReader.Open(pdf);
        var (body, serializer) = Start(pdf);
        var harmlessOffset = pdf.Length + serializer.Position;
        serializer.WriteIndirectObject(harmless.Number, 0, harmless.Value);
        var hiddenOffset = pdf.Length + serializer.Position;
        serializer.WriteIndirectObject(hidden.Reference.Number, hidden.Reference.Generation, hidden.Value);
        var xrefNumber = harmless.Number + 1;
        var streamOffset = pdf.Length + serializer.Position;
        var entries = new SortedDictionary<int, (byte, long, int)>
        {
            [hidden.Reference.Number] = (1, hiddenOffset, hidden.Reference.Generation),
            [xrefNumber] = (1, streamOffset, 0),
        };
        var xref = XrefStream(document, entries, xrefNumber + 1);
        xref.Dictionary.Remove("Prev");
        serializer.WriteIndirectObject(xrefNumber, 0, xref);
        var tableOffset = pdf.Length + serializer.Position;
        serializer.WriteAscii(string.Create(CultureInfo.InvariantCulture, $"xref\n{harmless.Number} 1\n{harmlessOffset:D10} 00000 n\r\n"));
        var trailer = new PdfDictionary
        {
            ["Size"] = new PdfInteger(xrefNumber + 1),
            ["Root"] = document.Trailer["Root"]!,
            ["Prev"] = new PdfInteger(document.Revisions[^1].XrefOffset),
            ["XRefStm"] = new PdfInteger(streamOffset),
        };
        serializer.WriteRaw("trailer\n"u8);
        serializer.Write(trailer);
        serializer.WriteAscii(string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{tableOffset}\n%%EOF\n"));
        return [.. pdf, .. body.WrittenSpan];
    }

    /// <summary>Appends objects after the last %%EOF with no xref section or trailer ("PDF Insecurity" incremental saving, variant without xref).</summary>
    public static byte[] WithoutXref(byte[] pdf, params (PdfReference Reference, PdfObject Value)[] objects)
    {
        var (body, serializer) = Start(pdf);
        foreach (var (reference, value) in objects)
        {
            serializer.WriteIndirectObject(reference.Number, reference.Generation, value);
        }
        return [.. pdf, .. body.WrittenSpan];
    }

    private static (ArrayBufferWriter<byte>, PdfObjectSerializer) Start(byte[] pdf)
    {
        var body = new ArrayBufferWriter<byte>();
        var serializer = new PdfObjectSerializer(body);
        if (pdf[^1] != '\n')
        {
            serializer.WriteRaw("\n"u8);
        }
        return (body, serializer);
    }

    private static PdfStream XrefStream(PdfDocumentReader document, SortedDictionary<int, (byte Type, long Field2, int Field3)> entries, int size)
    {
        var index = new PdfArray();
        var data = new List<byte>();
        foreach (var (number, (type, field2, field3)) in entries)
        {
            index.Add(new PdfInteger(number));
            index.Add(new PdfInteger(1));
            var row = new byte[11];
            row[0] = type;
            BinaryPrimitives.WriteInt64BigEndian(row.AsSpan(1, 8), field2);
            BinaryPrimitives.WriteInt16BigEndian(row.AsSpan(9, 2), (short)field3);
            data.AddRange(row);
        }
        return new PdfStream(new PdfDictionary
        {
            ["Type"] = new PdfName("XRef"),
            ["Size"] = new PdfInteger(Math.Max(size, document.Size)),
            ["W"] = PdfArray.Of(new PdfInteger(1), new PdfInteger(8), new PdfInteger(2)),
            ["Index"] = index,
            ["Root"] = document.Trailer["Root"]!,
            ["Prev"] = new PdfInteger(document.Revisions[^1].XrefOffset),
        }, data.ToArray());
    }
}
