using OneThing.ContractTemplates.Rendering;

namespace OneThing.ContractTemplates.Tests.Support;

/// <summary>One renderer for all tests: it is thread-safe, and the font is parsed once per process.</summary>
public static class SharedRenderer
{
    private static readonly Lazy<ContractDocumentRenderer> Instance = new(() => new ContractDocumentRenderer());

    public static ContractDocumentRenderer Renderer => Instance.Value;
}
