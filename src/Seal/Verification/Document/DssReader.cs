using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification.Document;

/// <summary>Loads the Document Security Store (ISO 32000-2 §12.8.4.3: /Certs, /OCSPs, /CRLs) into the validation material.</summary>
internal static class DssReader
{
    /// <summary>Adds the DSS contents to <paramref name="material"/>; returns notes on unusable entries.</summary>
    /// <param name="parsed">Parsed objects shared across documents, keyed by their bytes.</param>
    public static IReadOnlyList<string> Load(PdfDocumentReader document, ValidationMaterial material, ParsedObjectCache parsed)
    {
        var notes = new List<string>();
        if (document.Resolve<PdfDictionary>(document.Catalog["DSS"]) is not { } dss)
        {
            return notes;
        }
        material.HasDss = true;
        foreach (var bytes in Streams(document, dss, "Certs"))
        {
            try
            {
                material.AddCertificates([parsed.Certificate(bytes.Span)]);
            }
            catch (FormatException)
            {
                notes.Add("a DSS certificate is malformed");
            }
        }
        foreach (var bytes in Streams(document, dss, "OCSPs"))
        {
            if (parsed.Ocsp(bytes.Span) is { } response)
            {
                material.AddOcsp(response);
            }
            else
            {
                notes.Add("a DSS OCSP response is malformed or unsuccessful");
            }
        }
        foreach (var bytes in Streams(document, dss, "CRLs"))
        {
            if (parsed.Crl(bytes.Span) is { } crl)
            {
                material.AddCrl(crl);
            }
            else
            {
                notes.Add("a DSS CRL is malformed");
            }
        }
        return notes;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Streams(PdfDocumentReader document, PdfDictionary dss, string key)
    {
        if (document.Resolve<PdfArray>(dss[key]) is not { } array)
        {
            yield break;
        }
        foreach (var item in array)
        {
            if (document.Resolve(item) is PdfStream stream)
            {
                yield return document.StreamData(stream);
            }
        }
    }
}
