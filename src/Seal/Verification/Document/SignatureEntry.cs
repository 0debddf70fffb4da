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

/// <summary>A FieldMDP lock (from the signature's /Reference transform or the field's /Lock).</summary>
public sealed record FieldLock(string Action, IReadOnlySet<string> Fields)
{
    public bool Locks(string fieldName) => Action switch
    {
        "All" => true,
        "Include" => Fields.Contains(fieldName),
        "Exclude" => !Fields.Contains(fieldName),
        _ => false,
    };
}
