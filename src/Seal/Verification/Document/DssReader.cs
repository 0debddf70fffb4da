using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Document;

/// <summary>Loads the Document Security Store (ISO 32000-2 §12.8.4.3: /Certs, /OCSPs, /CRLs) into the validation material.</summary>
public static class DssReader
{
    /// <summary>Adds the DSS contents to <paramref name="material"/>; returns notes on unusable entries.</summary>
    public static IReadOnlyList<string> Load(PdfDocumentReader document, ValidationMaterial material)
    {
        var notes = new List<string>();
        if (document.Resolve<PdfDictionary>(document.Catalog["DSS"]) is not { } dss)
        {
            return notes;
        }
        material.HasDss = true;
        var parser = new X509CertificateParser();
        foreach (var bytes in Streams(document, dss, "Certs"))
        {
            try
            {
                material.AddCertificates([parser.ReadCertificate(bytes)]);
            }
            catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException or InvalidCastException)
            {
                notes.Add("a DSS certificate is malformed");
            }
        }
        foreach (var bytes in Streams(document, dss, "OCSPs"))
        {
            if (ValidationMaterial.ParseOcsp(bytes) is { } response)
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
            if (ValidationMaterial.ParseCrl(bytes) is { } crl)
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

    private static IEnumerable<byte[]> Streams(PdfDocumentReader document, PdfDictionary dss, string key)
    {
        if (document.Resolve<PdfArray>(dss[key]) is not { } array)
        {
            yield break;
        }
        foreach (var item in array)
        {
            if (document.Resolve(item) is PdfStream stream)
            {
                yield return document.DecodeStream(stream);
            }
        }
    }
}
