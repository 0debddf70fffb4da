namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>What identifies a rendered document on its pages and in its metadata.</summary>
public sealed record DocumentIdentity(
    string DocumentId,
    string ContractNumber,
    string Title,
    string TemplateId,
    string TemplateVersion,
    string TemplateHash,
    string Author,
    DateOnly ContractDate)
{
    public string ShortHash => TemplateHash[..12];
}
