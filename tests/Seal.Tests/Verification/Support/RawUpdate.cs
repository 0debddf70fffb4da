using System.Buffers;
using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>
/// Appends an incremental update the product's writer would never make: any object number and
/// generation, and any trailer (e.g. a re-pointed /Info), with a classic xref section.
/// </summary>
public static class RawUpdate
{
    public static byte[] Append(byte[] pdf, IEnumerable<(int Number, int Generation, PdfObject Value)> objects, Action<PdfDictionary>? changeTrailer = null)
    {
        var document = PdfDocumentReader.Open(pdf);
        var output = new ArrayBufferWriter<byte>();
        var serializer = new PdfObjectSerializer(output);
        if (pdf.Length > 0 && pdf[^1] != '\n')
        {
            serializer.WriteRaw("\n"u8);
        }
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        foreach (var (number, generation, value) in objects)
        {
            offsets[number] = (pdf.Length + serializer.Position, generation);
            serializer.WriteIndirectObject(number, generation, value);
        }
        var xref = pdf.Length + serializer.Position;
        var table = new StringBuilder("xref\n");
        foreach (var (number, (offset, generation)) in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} {generation:D5} n\r\n");
        }
        serializer.WriteAscii(table.ToString());
        var trailer = new PdfDictionary
        {
            ["Size"] = new PdfInteger(Math.Max(document.Size, offsets.Keys.DefaultIfEmpty(0).Max() + 1)),
            ["Root"] = document.Trailer["Root"]!,
        };
        if (document.Trailer["Info"] is { } info)
        {
            trailer["Info"] = info;
        }
        trailer["Prev"] = new PdfInteger(document.Revisions[^1].XrefOffset);
        changeTrailer?.Invoke(trailer);
        serializer.WriteRaw("trailer\n"u8);
        serializer.Write(trailer);
        serializer.WriteAscii(string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xref}\n%%EOF\n"));
        return [.. pdf, .. output.WrittenSpan];
    }
}
