using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Tests.Pdf;

/// <summary>
/// Readers of earlier revisions (used by the revision diff) reuse the whole file's parse of unchanged
/// objects: never when the object reads differently in the earlier revision.
/// </summary>
public sealed class RevisionReaderTests
{
    [Fact]
    public void An_unchanged_object_is_shared_with_the_earlier_revision_reader()
    {
        var pdf = TwoRevisions(lengthInRevision0: 17, lengthInRevision1: 17);
        var whole = PdfDocumentReader.Open(pdf);

        var page = whole.GetObject(new PdfReference(2, 0));
        var earlier = whole.ForRevision(0);

        Assert.Same(page, earlier.GetObject(new PdfReference(2, 0)));
    }

    [Fact]
    public void A_stream_whose_indirect_length_changed_later_is_read_with_the_earlier_length_in_the_earlier_revision()
    {
        // Revision 1 redefines object 4 (the stream's /Length) as 2, so the whole file reads "AB";
        // revision 0 alone says 17 and reads the full data, which contains the word endstream.
        var pdf = TwoRevisions(lengthInRevision0: 17, lengthInRevision1: 2);
        var whole = PdfDocumentReader.Open(pdf);

        var now = whole.GetObject(new PdfReference(3, 0));
        var before = whole.ForRevision(0).GetObject(new PdfReference(3, 0));

        Assert.Equal("AB", Encoding.ASCII.GetString(((PdfStream)now).EncodedData.Span));
        Assert.Equal("AB\nendstream\nCDEF", Encoding.ASCII.GetString(((PdfStream)before).EncodedData.Span));
    }

    [Fact]
    public void An_object_whose_bytes_run_past_the_end_of_a_revision_is_not_shared_with_it()
    {
        // Object 5 starts in revision 0 and is cut off by its %%EOF (read as a comment by the whole
        // file); revision 1 appends the rest. Only the whole file can parse it.
        var whole = PdfDocumentReader.Open(Encoding.ASCII.GetBytes(ObjectFiveAcrossTheFirstEof("[ 1 2\n%%EOF\n", " 3 ]\nendobj\n", out _).ToString()));

        Assert.Equal(2, whole.Revisions.Count);
        Assert.Equal(3, Assert.IsType<PdfArray>(whole.GetObject(new PdfReference(5, 0))).Count);
        Assert.Throws<PdfFormatException>(() => whole.ForRevision(0).GetObject(new PdfReference(5, 0)));
    }

    [Fact]
    public void An_older_object_version_read_for_a_later_revision_is_shared_with_an_earlier_one()
    {
        var whole = PdfDocumentReader.Open(ThreeRevisionsRewritingPagesAndObjectFive());
        var second = whole.ForRevision(1);
        var first = whole.ForRevision(0);

        var pagesThen = second.GetObject(new PdfReference(2, 0));

        Assert.NotSame(whole.GetObject(new PdfReference(2, 0)), pagesThen);
        Assert.Same(pagesThen, first.GetObject(new PdfReference(2, 0)));
    }

    [Fact]
    public void An_earlier_revision_s_reading_of_an_object_is_never_imposed_on_a_later_revision()
    {
        // Object 5 ends revision 0 as a dictionary; revision 1 begins with "stream", so from revision 1 on
        // the same bytes are a stream. Revision 2 rewrites object 5, so neither reader may use the whole file's.
        var whole = PdfDocumentReader.Open(ThreeRevisionsRewritingPagesAndObjectFive());

        Assert.IsType<PdfDictionary>(whole.ForRevision(0).GetObject(new PdfReference(5, 0)));
        Assert.IsType<PdfStream>(whole.ForRevision(1).GetObject(new PdfReference(5, 0)));
        Assert.IsType<PdfString>(whole.GetObject(new PdfReference(5, 0)));
    }

    private static byte[] ThreeRevisionsRewritingPagesAndObjectFive()
    {
        var text = ObjectFiveAcrossTheFirstEof("<< /A 1 >>\n%%EOF\n", "stream\nXY\nendstream\nendobj\n", out var xref1);
        var newPages = text.Length;
        text.Append("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 /Rotate 90 >>\nendobj\n");
        var newFive = text.Length;
        text.Append("5 0 obj\n(rewritten)\nendobj\n");
        var xref2 = text.Length;
        text.Append($"xref\n2 1\n{newPages:D10} 00000 n \n5 1\n{newFive:D10} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {xref1} >>\nstartxref\n{xref2}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// Two revisions: catalog and pages, then object 5 starting after revision 0's startxref (padded) with
    /// <paramref name="inRevision0"/>, which ends at revision 0's %%EOF, and going on with <paramref name="inRevision1"/>;
    /// revision 1's xref rewrites only the catalog's entry. <paramref name="xref1"/> is revision 1's xref offset.
    /// </summary>
    private static StringBuilder ObjectFiveAcrossTheFirstEof(string inRevision0, string inRevision1, out int xref1)
    {
        var text = new StringBuilder("%PDF-1.7\n");
        var catalog = text.Length;
        text.Append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        var pages = text.Length;
        text.Append("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        var xref0 = text.Length;
        var objectFive = xref0 + 200;
        text.Append($"xref\n0 6\n0000000000 65535 f \n{catalog:D10} 00000 n \n{pages:D10} 00000 n \n0000000000 00000 f \n0000000000 00000 f \n{objectFive:D10} 00000 n \n");
        text.Append($"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref0}\n");
        text.Append(' ', objectFive - text.Length - 1).Append('\n');
        text.Append("5 0 obj\n").Append(inRevision0);
        text.Append(inRevision1);
        xref1 = text.Length;
        text.Append($"xref\n1 1\n{catalog:D10} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {xref0} >>\nstartxref\n{xref1}\n%%EOF\n");
        return text;
    }

    private static byte[] TwoRevisions(int lengthInRevision0, int lengthInRevision1)
    {
        var objects = new[]
        {
            "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
            "3 0 obj\n<< /Length 4 0 R >>\nstream\nAB\nendstream\nCDEF\nendstream\nendobj\n",
            $"4 0 obj\n{lengthInRevision0}\nendobj\n",
        };
        var revision0 = Revision("%PDF-1.7\n", objects, 1, null, null, out var xref0);
        var update = $"4 0 obj\n{lengthInRevision1}\nendobj\n";
        var revision1 = Xref([4], [revision0.Length], 5, xref0, revision0.Length + update.Length);
        return Encoding.ASCII.GetBytes(revision0 + update + revision1);
    }

    /// <summary>Header + objects numbered from <paramref name="first"/> + xref/trailer/%%EOF; <paramref name="tail"/> is written after the objects but before the xref.</summary>
    private static string Revision(string head, string[] objects, int first, string? tail, long? prev, out long xrefOffset)
    {
        var text = new StringBuilder(head);
        var offsets = new List<long>();
        foreach (var o in objects)
        {
            offsets.Add(text.Length);
            text.Append(o);
        }
        text.Append(tail ?? "");
        xrefOffset = text.Length;
        var numbers = Enumerable.Range(first, objects.Length).ToArray();
        return text + Xref(numbers, offsets.ToArray(), first + objects.Length, prev, xrefOffset);
    }

    private static string Xref(int[] numbers, long[] offsets, int size, long? prev, long at)
    {
        var text = new StringBuilder("xref\n");
        if (prev is null)
        {
            text.Append($"0 {numbers.Length + 1}\n0000000000 65535 f \n");
        }
        for (var i = 0; i < numbers.Length; i++)
        {
            if (prev is not null)
            {
                text.Append($"{numbers[i]} 1\n");
            }
            text.Append($"{offsets[i]:D10} 00000 n \n");
        }
        text.Append($"trailer\n<< /Size {size} /Root 1 0 R{(prev is null ? "" : $" /Prev {prev}")} >>\nstartxref\n{at}\n%%EOF\n");
        return text.ToString();
    }
}
