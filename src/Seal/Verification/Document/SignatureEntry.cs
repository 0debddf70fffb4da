using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Document;

/// <summary>A signature or document timestamp as found in the PDF: its field, its dictionary and the raw values to verify.</summary>
internal sealed record SignatureEntry(
    string FieldName,
    PdfReference FieldReference,
    PdfReference? DictionaryReference,
    PdfDictionary Dictionary,
    string? Type,
    string? SubFilter,
    IReadOnlyList<long>? ByteRange,
    PdfString? Contents,
    DateTimeOffset? ClaimedTime,
    int? DocMdpPermission,
    FieldLock? Lock)
{
    public bool IsDocumentTimestamp => SubFilter == "ETSI.RFC3161" || Type == "DocTimeStamp";
}

/// <summary>
/// A FieldMDP lock (from the signature's /Reference transform or the field's /Lock), with the document
/// permission it sets for every later revision (/P, PDF 2.0; 1 = no changes but DSS and document timestamps).
/// </summary>
public sealed record FieldLock(string Action, IReadOnlySet<string> Fields, int? Permission = null)
{
    /// <summary>Whether the lock covers every field of the document, those added later included (ISO 32000-1 Table 233: "All fields in the document").</summary>
    public bool LocksEveryField => Action == "All";

    public bool Locks(string fieldName) => Action switch
    {
        "All" => true,
        "Include" => Fields.Contains(fieldName),
        "Exclude" => !Fields.Contains(fieldName),
        _ => false,
    };
}
