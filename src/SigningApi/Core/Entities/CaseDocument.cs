namespace OneThing.SigningApi.Core.Entities;

/// <summary>One contract document of a case and a pointer to its current stored revision.</summary>
public sealed class CaseDocument
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public required string Kind { get; set; }
    public required string DocumentId { get; set; }
    public required string TemplateId { get; set; }
    public required string TemplateVersion { get; set; }
    public required string TemplateHash { get; set; }
    public int PageCount { get; set; }

    /// <summary>Signature fields as rendered (JSON array of field specs).</summary>
    public required string SignatureFieldsJson { get; set; }

    /// <summary>0 for the rendered original; +1 for every signature appended.</summary>
    public int Revision { get; set; }
    public required string ObjectKey { get; set; }
    public required string Sha256 { get; set; }
    public long Length { get; set; }

    public Guid Version { get; set; }
}
