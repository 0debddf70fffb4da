using System.Buffers;
using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Tests.Support;

/// <summary>Small hand-built PDFs with empty signature fields (classic xref), and qpdf-rewritten variants.</summary>
public static class TestDocuments
{
    public static readonly string[] ContractFields = ["Borrower", "CoBorrower1", "LoanOfficer", "CentreSeal"];

    public static byte[] WithSignatureFields(int pages = 2, params string[] fieldNames)
    {
        if (fieldNames.Length == 0)
        {
            fieldNames = ContractFields;
        }
        var objects = new List<PdfObject>();
        PdfReference Reserve()
        {
            objects.Add(PdfNull.Instance);
            return new PdfReference(objects.Count, 0);
        }
        void Set(PdfReference r, PdfObject o) => objects[r.Number - 1] = o;

        var catalogRef = Reserve();
        var pagesRef = Reserve();
        var fontRef = Reserve();
        Set(fontRef, new PdfDictionary { ["Type"] = new PdfName("Font"), ["Subtype"] = new PdfName("Type1"), ["BaseFont"] = new PdfName("Helvetica") });
        var pageRefs = new List<PdfReference>();
        var fieldRefs = new PdfArray();
        for (var p = 0; p < pages; p++)
        {
            var pageRef = Reserve();
            pageRefs.Add(pageRef);
            var content = Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 760 Td (Loan contract page {p + 1} of {pages}) Tj ET");
            var contentRef = Reserve();
            Set(contentRef, new PdfStream(new PdfDictionary(), content));
            var page = new PdfDictionary
            {
                ["Type"] = new PdfName("Page"),
                ["Parent"] = pagesRef,
                ["MediaBox"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(595), new PdfInteger(842)),
                ["Resources"] = new PdfDictionary { ["Font"] = new PdfDictionary { ["F1"] = fontRef } },
                ["Contents"] = contentRef,
            };
            if (p == pages - 1)
            {
                var annots = new PdfArray();
                for (var i = 0; i < fieldNames.Length; i++)
                {
                    var fieldRef = Reserve();
                    var x = 60 + (i % 2) * 260;
                    var y = 500 - (i / 2) * 150;
                    Set(fieldRef, new PdfDictionary
                    {
                        ["Type"] = new PdfName("Annot"),
                        ["Subtype"] = new PdfName("Widget"),
                        ["FT"] = new PdfName("Sig"),
                        ["T"] = PdfString.FromText(fieldNames[i]),
                        ["Rect"] = PdfArray.Of(new PdfInteger(x), new PdfInteger(y), new PdfInteger(x + 200), new PdfInteger(y + 120)),
                        ["F"] = new PdfInteger(4),
                        ["P"] = pageRef,
                    });
                    annots.Add(fieldRef);
                    fieldRefs.Add(fieldRef);
                }
                page["Annots"] = annots;
            }
            Set(pageRef, page);
        }
        Set(pagesRef, new PdfDictionary
        {
            ["Type"] = new PdfName("Pages"),
            ["Kids"] = new PdfArray(pageRefs),
            ["Count"] = new PdfInteger(pages),
        });
        Set(catalogRef, new PdfDictionary
        {
            ["Type"] = new PdfName("Catalog"),
            ["Pages"] = pagesRef,
            ["AcroForm"] = new PdfDictionary { ["Fields"] = fieldRefs },
        });

        var output = new ArrayBufferWriter<byte>();
        var serializer = new PdfObjectSerializer(output);
        serializer.WriteRaw("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"u8);
        var offsets = new long[objects.Count + 1];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i + 1] = serializer.Position;
            serializer.WriteIndirectObject(i + 1, 0, objects[i]);
        }
        var xref = serializer.Position;
        serializer.WriteAscii($"xref\n0 {objects.Count + 1}\n0000000000 65535 f\r\n");
        for (var i = 1; i <= objects.Count; i++)
        {
            serializer.WriteAscii(offsets[i].ToString("D10", CultureInfo.InvariantCulture) + " 00000 n\r\n");
        }
        serializer.WriteAscii("trailer\n");
        serializer.Write(new PdfDictionary
        {
            ["Size"] = new PdfInteger(objects.Count + 1),
            ["Root"] = catalogRef,
            ["ID"] = PdfArray.Of(new PdfString(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), true), new PdfString(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), true)),
        });
        serializer.WriteAscii($"\nstartxref\n{xref}\n%%EOF\n");
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The same document rewritten by qpdf with object streams and an xref stream.</summary>
    public static byte[] RewrittenWithObjectStreams(byte[] pdf)
    {
        using var dir = new TempDirectory();
        var input = dir.File("in.pdf");
        var output = dir.File("out.pdf");
        File.WriteAllBytes(input, pdf);
        var result = ExternalTool.Run("qpdf", ["--object-streams=generate", input, output]);
        if (result.ExitCode is not (0 or 3))
        {
            throw new InvalidOperationException("qpdf failed: " + result.Output);
        }
        return File.ReadAllBytes(output);
    }
}
