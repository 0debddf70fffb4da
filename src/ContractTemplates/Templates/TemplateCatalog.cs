namespace OneThing.ContractTemplates.Templates;

/// <summary>
/// All template versions the product knows. Templates ship as text files embedded in this assembly
/// (<c>Templates/Files/&lt;id&gt;@&lt;version&gt;.liquid</c>); new wording means a new file with a new version,
/// so documents rendered earlier can always be reproduced from their recorded version.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly IReadOnlyList<ContractTemplate> _templates;

    public TemplateCatalog(IEnumerable<ContractTemplate> templates)
    {
        _templates = templates.OrderBy(t => t.Id, StringComparer.Ordinal).ThenBy(t => System.Version.Parse(t.Version)).ToArray();
        var duplicate = _templates.GroupBy(t => (t.Id, t.Version)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"template {duplicate.Key.Id} version {duplicate.Key.Version} is defined twice");
    }

    /// <summary>Every template version, ordered by id then version.</summary>
    public IReadOnlyList<ContractTemplate> All => _templates;

    /// <summary>The templates embedded in this assembly.</summary>
    public static TemplateCatalog LoadEmbedded()
    {
        var assembly = typeof(TemplateCatalog).Assembly;
        var parser = new TemplateFileParser();
        var templates = new List<ContractTemplate>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("templates/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
            templates.Add(parser.Parse(name, reader.ReadToEnd()));
        }
        return new TemplateCatalog(templates);
    }

    /// <summary>The given version of a template, or its latest version when <paramref name="version"/> is null.</summary>
    public ContractTemplate Get(string id, string? version = null)
    {
        var candidates = _templates.Where(t => t.Id == id).ToArray();
        if (candidates.Length == 0)
            throw new KeyNotFoundException($"no template '{id}'; known: {string.Join(", ", _templates.Select(t => t.Id).Distinct())}");
        if (version is null) return candidates[^1];
        return candidates.FirstOrDefault(t => t.Version == version)
            ?? throw new KeyNotFoundException($"template '{id}' has no version {version}; known: {string.Join(", ", candidates.Select(t => t.Version))}");
    }
}
