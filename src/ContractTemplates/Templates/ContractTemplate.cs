using Fluid;

namespace OneThing.ContractTemplates.Templates;

/// <summary>
/// One version of one document template: the text file as shipped, its identity (id, version, SHA-256 of the file)
/// and the parsed Liquid body. The body fills in case data and produces document markup (see <c>Rendering/Markup</c>).
/// </summary>
public sealed record ContractTemplate(string Id, string Version, string Title, string Hash, string Source, IFluidTemplate Body)
{
    /// <summary>First 12 hex digits of <see cref="Hash"/>, printed in every footer.</summary>
    public string ShortHash => Hash[..12];
}
