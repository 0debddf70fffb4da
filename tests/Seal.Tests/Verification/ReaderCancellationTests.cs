using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Tests.Verification;

/// <summary>
/// The verifier runs on the caller's thread, so its time budget reaches hostile input through the
/// reader: once the token is cancelled, no further object is parsed and no stream decoded, in the
/// whole-file reader or in the readers of earlier revisions.
/// </summary>
public sealed class ReaderCancellationTests
{
    [Fact]
    public void A_cancelled_budget_stops_every_further_object_read()
    {
        using var budget = new CancellationTokenSource();
        var reader = PdfDocumentReader.Open(OneRevision(), cancellationToken: budget.Token);
        var earlier = reader.ForRevision(0);
        var pages = reader.GetObject(new PdfReference(2, 0));

        budget.Cancel();

        Assert.IsType<PdfDictionary>(pages); // read before the budget ran out
        Assert.Same(pages, reader.GetObject(new PdfReference(2, 0))); // already read: no new work
        Assert.Throws<OperationCanceledException>(() => reader.GetObject(new PdfReference(1, 0)));
        Assert.Throws<OperationCanceledException>(() => earlier.GetObject(new PdfReference(1, 0)));
        Assert.Throws<OperationCanceledException>(() => reader.StreamData(new PdfStream(new PdfDictionary(), "x"u8.ToArray())));
    }

    private static byte[] OneRevision()
    {
        var text = new StringBuilder("%PDF-1.7\n");
        var catalog = text.Length;
        text.Append("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        var pages = text.Length;
        text.Append("2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        var xref = text.Length;
        text.Append($"xref\n0 3\n0000000000 65535 f \n{catalog:D10} 00000 n \n{pages:D10} 00000 n \n");
        text.Append($"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
