using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PdfSharp.Pdf;

namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>
/// Replaces what PDFsharp would make different on every run — the random trailer <c>/ID</c> and the current time in
/// the info dictionary — with values derived from the case and the template, so the same case and template version
/// always produce the same bytes (and the same hash in the evidence record).
/// </summary>
public static class DeterministicMetadata
{
    /// <summary>Sets the info dictionary and trailer /ID before saving; returns the seed for <see cref="RunIndependentBytes"/>.</summary>
    public static byte[] Apply(PdfDocument document, DocumentIdentity identity, string caseFingerprint)
    {
        var date = identity.ContractDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        // Beijing time, written literally: the machine's time zone must not change the bytes.
        var pdfDate = new PdfString($"D:{date}000000+08'00'");
        var info = document.Info;
        info.Title = identity.Title;
        info.Author = identity.Author;
        info.Subject = identity.DocumentId;
        info.Keywords = $"template={identity.TemplateId}@{identity.TemplateVersion}; sha256={identity.TemplateHash}";
        info.Creator = "OneThing e-sign";
        info.Elements["/CreationDate"] = pdfDate;
        info.Elements["/ModDate"] = pdfDate;

        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{identity.DocumentId}\n{identity.TemplateHash}\n{caseFingerprint}"));
        var id = string.Create(16, seed, static (span, bytes) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)bytes[i];
        });
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        // PDFsharp writes a fresh XMP stream from the info dictionary on every save; a document re-opened
        // for modification would keep the previous one as an unreferenced object.
        document.Internals.Catalog.Elements.Remove("/Metadata");
        return seed;
    }
}
