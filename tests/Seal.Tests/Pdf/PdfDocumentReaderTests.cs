using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Pdf.Xref;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Pdf;

/// <summary>The reader handles classic tables, xref/object streams and update chains, and rejects hostile input clearly.</summary>
public sealed class PdfDocumentReaderTests
{
    [Fact]
    public void Reads_a_classic_xref_file()
    {
        var reader = PdfDocumentReader.Open(TestDocuments.WithSignatureFields(pages: 3));
        Assert.Single(reader.Revisions);
        Assert.False(reader.Revisions[0].UsesXrefStream);
        Assert.Equal(3, reader.GetPages().Count);
        Assert.Equal(TestDocuments.ContractFields, SignatureFieldLocator.FindAll(reader).Select(f => f.FullName));
    }

    [Fact]
    public void Reads_xref_streams_and_object_streams_written_by_qpdf()
    {
        var original = TestDocuments.WithSignatureFields(pages: 3);
        var rewritten = TestDocuments.RewrittenWithObjectStreams(original);
        var reader = PdfDocumentReader.Open(rewritten);
        Assert.True(reader.Revisions[^1].UsesXrefStream);
        Assert.Contains(reader.Entries.Values, e => e.Kind == XrefEntryKind.Compressed);
        Assert.Equal(3, reader.GetPages().Count);
        Assert.Equal(TestDocuments.ContractFields, SignatureFieldLocator.FindAll(reader).Select(f => f.FullName));
        var firstPage = reader.GetPages()[0].Page;
        var content = reader.Resolve<PdfStream>(firstPage["Contents"])!;
        Assert.Contains("Loan contract page 1 of 3", Encoding.ASCII.GetString(reader.DecodeStream(content)));
    }

    [Fact]
    public void An_incremental_update_keeps_the_original_bytes_and_adds_a_revision()
    {
        foreach (var original in new[] { TestDocuments.WithSignatureFields(), TestDocuments.RewrittenWithObjectStreams(TestDocuments.WithSignatureFields()) })
        {
            var reader = PdfDocumentReader.Open(original);
            var writer = new IncrementalUpdateWriter(reader);
            var info = writer.Add(new PdfDictionary { ["Title"] = PdfString.FromText("借款合同") });
            var catalog = reader.Catalog.ShallowClone();
            catalog["Lang"] = PdfString.FromText("zh-CN");
            writer.Set(reader.RootReference, catalog);
            var updated = writer.Write().ToArray();

            Assert.True(updated.AsSpan(0, original.Length).SequenceEqual(original));
            var after = PdfDocumentReader.Open(updated);
            Assert.Equal(2, after.Revisions.Count);
            Assert.Equal(original.Length, after.Revisions[0].EndOffset);
            Assert.Equal(updated.Length, after.Revisions[1].EndOffset);
            Assert.Equal(reader.Revisions[^1].UsesXrefStream, after.Revisions[1].UsesXrefStream);
            Assert.Equal("借款合同", ((PdfString)after.Resolve<PdfDictionary>(info)!["Title"]!).ToText());
            Assert.Equal("zh-CN", ((PdfString)after.Catalog["Lang"]!).ToText());
            Assert.Null(after.ForRevision(0).Catalog["Lang"]);
            Assert.Equal(Convert.ToHexString(((PdfString)((PdfArray)reader.Trailer["ID"]!)[0]).Bytes), Convert.ToHexString(((PdfString)((PdfArray)after.Trailer["ID"]!)[0]).Bytes));
            Validators.QpdfCheck(updated);
        }
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("no-startxref")]
    public void Unreadable_input_is_a_PdfFormatException(string kind)
    {
        var valid = TestDocuments.WithSignatureFields();
        var bytes = kind switch
        {
            "empty" => [],
            "random" => Enumerable.Range(0, 5000).Select(i => (byte)(i * 7919 % 251)).ToArray(),
            "truncated" => valid[..(valid.Length / 2)],
            _ => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"),
        };
        Assert.Throws<PdfFormatException>(() =>
        {
            var reader = PdfDocumentReader.Open(bytes);
            _ = reader.Catalog;
        });
    }

    [Fact]
    public void A_loop_in_the_Prev_chain_is_rejected()
    {
        var head = "%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n";
        var xrefOffset = Encoding.ASCII.GetByteCount(head);
        var pdf = head + $"xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<</Size 2/Root 1 0 R/Prev {xrefOffset}>>\nstartxref\n{xrefOffset}\n%%EOF\n";
        var ex = Assert.Throws<PdfFormatException>(() => PdfDocumentReader.Open(Encoding.ASCII.GetBytes(pdf)));
        Assert.Contains("loop", ex.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected_without_exhausting_the_stack()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var head = $"%PDF-1.7\n1 0 obj <</Type /Catalog /X {deep}>> endobj\n";
        var xrefOffset = Encoding.ASCII.GetByteCount(head);
        var pdf = head + $"xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n{xrefOffset}\n%%EOF\n";
        var reader = PdfDocumentReader.Open(Encoding.ASCII.GetBytes(pdf));
        var ex = Assert.Throws<PdfFormatException>(() => reader.Catalog);
        Assert.Contains("nested", ex.Message);
    }

    [Fact]
    public void An_xref_section_claiming_more_entries_than_the_file_holds_is_rejected()
    {
        var head = "%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n";
        var xrefOffset = Encoding.ASCII.GetByteCount(head);
        var pdf = head + $"xref\n0 2000000000\n0000000000 65535 f\r\ntrailer\n<</Size 2/Root 1 0 R>>\nstartxref\n{xrefOffset}\n%%EOF\n";
        Assert.Throws<PdfFormatException>(() => PdfDocumentReader.Open(Encoding.ASCII.GetBytes(pdf)));
    }

    [Fact]
    public void A_decompression_bomb_stops_at_the_stream_limit()
    {
        var bomb = OneThing.Seal.Pdf.Filters.FlateDecoder.Encode(new byte[20_000_000]);
        var stream = new PdfStream(new PdfDictionary { ["Filter"] = new PdfName("FlateDecode") }, bomb);
        var ex = Assert.Throws<PdfFormatException>(() => OneThing.Seal.Pdf.Filters.StreamDecoder.Decode(stream, new PdfReaderLimits { MaxDecodedStreamLength = 1_000_000 }));
        Assert.Contains("limit", ex.Message);
    }

    [Fact]
    public void Parses_every_object_type()
    {
        var text = "<</Int 42/Neg -7/Real -.5/Bool true/Null null/Name /A#20B/Lit (a\\(b\\)\\n\\101)/Hex <48 65 6C6C 6F>/Arr [1 2 0 R [/X]]/Ref 12 0 R>>";
        var parser = new OneThing.Seal.Pdf.Parsing.PdfObjectParser(Encoding.ASCII.GetBytes(text), PdfReaderLimits.Default);
        var d = (PdfDictionary)parser.ParseObject();
        Assert.Equal(42, ((PdfInteger)d["Int"]!).Value);
        Assert.Equal(-7, ((PdfInteger)d["Neg"]!).Value);
        Assert.Equal(-0.5, ((PdfReal)d["Real"]!).Value);
        Assert.True(((PdfBoolean)d["Bool"]!).Value);
        Assert.Null(d["Null"]);
        Assert.Equal("A B", d.GetName("Name")!.Value);
        Assert.Equal("a(b)\nA", ((PdfString)d["Lit"]!).ToText());
        Assert.Equal("Hello", ((PdfString)d["Hex"]!).ToText());
        var arr = (PdfArray)d["Arr"]!;
        Assert.Equal(new PdfReference(2, 0), arr[1]);
        Assert.IsType<PdfArray>(arr[2]);
        Assert.Equal(new PdfReference(12, 0), d["Ref"]);
    }
}
