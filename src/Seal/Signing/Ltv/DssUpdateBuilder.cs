using System.Security.Cryptography;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Signing.Ltv;

/// <summary>Validation data to put into the Document Security Store.</summary>
public sealed record ValidationData(IReadOnlyList<byte[]> Certificates, IReadOnlyList<byte[]> OcspResponses, IReadOnlyList<byte[]> Crls);

/// <summary>
/// Writes the Document Security Store (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3) as an
/// incremental update: /Certs, /OCSPs and /CRLs arrays of streams, keeping every entry of an
/// existing DSS and adding only blobs not already present.
/// </summary>
internal static class DssUpdateBuilder
{
    public static WrittenUpdate Build(PdfDocumentReader document, ValidationData data)
    {
        var writer = new IncrementalUpdateWriter(document);
        var existing = document.Resolve<PdfDictionary>(document.Catalog["DSS"]);
        var dss = existing?.ShallowClone() ?? new PdfDictionary();
        dss["Type"] = new PdfName("DSS");
        Merge(document, writer, dss, "Certs", data.Certificates);
        Merge(document, writer, dss, "OCSPs", data.OcspResponses);
        Merge(document, writer, dss, "CRLs", data.Crls);
        if (document.Catalog["DSS"] is PdfReference dssRef)
        {
            writer.Set(dssRef, dss);
        }
        else
        {
            var dssReference = writer.Add(dss);
            var catalog = document.Catalog.ShallowClone();
            catalog["DSS"] = dssReference;
            writer.Set(document.RootReference, catalog);
        }
        return writer.Write();
    }

    private static void Merge(PdfDocumentReader document, IncrementalUpdateWriter writer, PdfDictionary dss, string key, IReadOnlyList<byte[]> blobs)
    {
        var array = new PdfArray();
        var seen = new HashSet<string>();
        if (document.Resolve<PdfArray>(dss[key]) is { } old)
        {
            foreach (var item in old)
            {
                array.Add(item);
                if (document.Resolve<PdfStream>(item) is { } s)
                {
                    seen.Add(Convert.ToHexString(SHA256.HashData(document.DecodeStream(s))));
                }
            }
        }
        foreach (var blob in blobs)
        {
            if (seen.Add(Convert.ToHexString(SHA256.HashData(blob))))
            {
                array.Add(writer.Add(new PdfStream(new PdfDictionary(), blob)));
            }
        }
        if (array.Count > 0)
        {
            dss[key] = array;
        }
    }
}
