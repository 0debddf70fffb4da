using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace OneThing.Seal.Signing.Ltv;

/// <summary>One signature or document timestamp found in a document, with the certificates it carries.</summary>
internal sealed record EmbeddedSignature(string SubFilter, byte[] Contents, IReadOnlyList<X509Certificate> Certificates);

/// <summary>Collects the CMS containers of a document's signature fields and the certificates in them (and in their timestamp tokens).</summary>
internal static class DocumentSignatures
{
    public static IReadOnlyList<EmbeddedSignature> Read(PdfDocumentReader document)
    {
        var result = new List<EmbeddedSignature>();
        foreach (var field in SignatureFieldLocator.FindAll(document).Where(f => f.IsSigned))
        {
            if (document.Resolve<PdfDictionary>(field.Field["V"]) is not { } sig || sig["Contents"] is not PdfString contents)
            {
                continue;
            }
            var der = TrimPadding(contents.Bytes);
            var subFilter = sig.GetName("SubFilter")?.Value ?? "";
            result.Add(new EmbeddedSignature(subFilter, der, CertificatesIn(der)));
        }
        return result;
    }

    public static IReadOnlyList<X509Certificate> CertificatesIn(byte[] cms)
    {
        var certificates = new List<X509Certificate>();
        try
        {
            var signed = new CmsSignedData(cms);
            certificates.AddRange(signed.GetCertificates().EnumerateMatches(null));
            foreach (var signer in signed.GetSignerInfos().GetSigners())
            {
                var attribute = signer.UnsignedAttributes?[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASignatureTimeStampToken];
                if (attribute is Attribute a && a.AttrValues.Count > 0)
                {
                    var token = new TimeStampToken(new CmsSignedData(a.AttrValues[0].GetEncoded(Asn1Encodable.Der)));
                    certificates.AddRange(token.GetCertificates().EnumerateMatches(null));
                }
            }
        }
        catch (Exception ex) when (ex is CmsException or TspException or IOException or ArgumentException or InvalidCastException)
        {
            throw new SigningException("a signature in the document is not a readable CMS container: " + ex.Message, ex);
        }
        return certificates;
    }

    /// <summary>The DER object at the start of a zero-padded /Contents.</summary>
    public static byte[] TrimPadding(byte[] padded)
    {
        using var stream = new Asn1InputStream(padded);
        return stream.ReadObject().GetEncoded();
    }
}
