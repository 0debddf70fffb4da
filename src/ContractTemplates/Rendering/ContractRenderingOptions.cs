using OneThing.Fonts;

namespace OneThing.ContractTemplates.Rendering;

/// <summary>Settings for <see cref="ContractDocumentRenderer"/>.</summary>
public sealed record ContractRenderingOptions
{
    /// <summary>Where the CJK font comes from (see <see cref="CjkFontOptions"/>).</summary>
    public CjkFontOptions Font { get; init; } = new();
}
