using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.Seal.Signing.Ltv;

/// <summary>
/// Adds a document timestamp (PAdES B-LTA, ISO 32000-2 §12.8.5): a new invisible signature field
/// whose value is a /DocTimeStamp dictionary with /SubFilter /ETSI.RFC3161 and, as /Contents, an
/// RFC 3161 token over the hash of the byte ranges: SHA-256, or SM3 for the SM2 family (<paramref name="imprintAlgorithm"/>).
/// </summary>
public sealed class DocumentTimestamper(ITimestampClient timestampClient, System.Security.Cryptography.HashAlgorithmName? imprintAlgorithm = null)
{
    private readonly System.Security.Cryptography.HashAlgorithmName _imprint = imprintAlgorithm ?? System.Security.Cryptography.HashAlgorithmName.SHA256;

    private const int DefaultReserve = 12 * 1024;

    public Task<byte[]> TimestampAsync(ReadOnlyMemory<byte> pdf, CancellationToken cancellationToken) =>
        TimestampAsync(PdfDocumentReader.Open(pdf), DefaultReserve, cancellationToken);

    private async Task<byte[]> TimestampAsync(PdfDocumentReader document, int reserve, CancellationToken cancellationToken)
    {
        var slot = BuildRevision(document, reserve);
        var digest = slot.ComputeDigest(_imprint);
        Org.BouncyCastle.Tsp.TimeStampToken token;
        try
        {
            token = await timestampClient.GetTokenAsync(_imprint, digest, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw new SigningException("the timestamp authority failed, so no document timestamp was added: " + ex.Message, ex);
        }
        if (!token.TimeStampInfo.GetMessageImprintDigest().AsSpan().SequenceEqual(digest))
        {
            throw new SigningException("the timestamp authority returned a token for a different imprint");
        }
        var der = token.GetEncoded();
        if (der.Length > slot.ReservedBytes)
        {
            return await TimestampAsync(document, der.Length + 1024, cancellationToken).ConfigureAwait(false);
        }
        slot.Embed(der);
        return slot.Update.ToArray();
    }

    private static ByteRangeSlot BuildRevision(PdfDocumentReader document, int reserve)
    {
        var pages = document.GetPages();
        if (pages.Count == 0)
        {
            throw new SigningException("the document has no page to attach the timestamp field to");
        }
        var existing = SignatureFieldLocator.FindAll(document).Select(f => f.FullName).ToHashSet();
        var name = Enumerable.Range(1, 10_000).Select(i => $"DocTimeStamp{i}").First(n => !existing.Contains(n));

        var writer = new IncrementalUpdateWriter(document);
        var sigRef = writer.Add(new PdfDictionary
        {
            ["Type"] = new PdfName("DocTimeStamp"),
            ["Filter"] = new PdfName("Adobe.PPKLite"),
            ["SubFilter"] = new PdfName(PadesSubFilters.Rfc3161),
            ["ByteRange"] = new PdfByteRangePlaceholder(),
            ["Contents"] = new PdfContentsPlaceholder(reserve),
        });
        var (pageRef, page) = pages[0];
        var fieldRef = writer.Add(new PdfDictionary
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Widget"),
            ["FT"] = new PdfName("Sig"),
            ["T"] = PdfString.FromText(name),
            ["Rect"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(0), new PdfInteger(0)),
            // Print + Locked: an invisible widget nobody edits.
            ["F"] = new PdfInteger(132),
            ["P"] = pageRef,
            ["V"] = sigRef,
        });
        AddAnnotation(document, writer, pageRef, page, fieldRef);
        SignatureRevisionBuilder.UpdateCatalogAndForm(document, writer, docMdpSignature: null, extraField: fieldRef);
        return new ByteRangeSlot(writer.Write());
    }

    internal static void AddAnnotation(PdfDocumentReader document, IncrementalUpdateWriter writer, PdfReference pageRef, PdfDictionary page, PdfReference annotation)
    {
        var annots = (document.Resolve<PdfArray>(page["Annots"])?.DeepClone() as PdfArray) ?? new PdfArray();
        annots.Add(annotation);
        if (page["Annots"] is PdfReference annotsRef)
        {
            writer.Set(annotsRef, annots);
            return;
        }
        var newPage = page.ShallowClone();
        newPage["Annots"] = annots;
        writer.Set(pageRef, newPage);
    }
}
