namespace OneThing.ContractTemplates.Rendering;

/// <summary>A rendered, unsigned contract document and what is needed to sign and trace it.</summary>
/// <param name="DocumentKind">One of <see cref="DocumentKinds"/>.</param>
/// <param name="DocumentId">Stable id printed in every footer, e.g. <c>DYGJJ-2026-000123-LC</c>.</param>
/// <param name="TemplateHash">Lower-case hex SHA-256 of the template file.</param>
public sealed record RenderedDocument(
    string DocumentKind,
    string DocumentId,
    string TemplateId,
    string TemplateVersion,
    string TemplateHash,
    byte[] Pdf,
    int PageCount,
    IReadOnlyList<SignatureFieldSpec> SignatureFields);
