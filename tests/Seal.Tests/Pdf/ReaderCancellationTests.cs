using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Pdf;

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
        var reader = PdfDocumentReader.Open(TestDocuments.WithSignatureFields(), cancellationToken: budget.Token); // 1: catalog, 2: pages
        var earlier = reader.ForRevision(0);
        var pages = reader.GetObject(new PdfReference(2, 0));

        budget.Cancel();

        Assert.IsType<PdfDictionary>(pages); // read before the budget ran out
        Assert.Same(pages, reader.GetObject(new PdfReference(2, 0))); // already read: no new work
        Assert.Throws<OperationCanceledException>(() => reader.GetObject(new PdfReference(1, 0)));
        Assert.Throws<OperationCanceledException>(() => earlier.GetObject(new PdfReference(1, 0)));
        Assert.Throws<OperationCanceledException>(() => reader.StreamData(new PdfStream(new PdfDictionary(), "x"u8.ToArray())));
    }
}
