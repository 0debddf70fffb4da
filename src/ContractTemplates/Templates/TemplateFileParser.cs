using System.Security.Cryptography;
using System.Text;
using Fluid;

namespace OneThing.ContractTemplates.Templates;

/// <summary>
/// Reads a template file: a front-matter block (<c>---</c>, <c>id:</c>, <c>version:</c>, <c>title:</c>, <c>---</c>)
/// followed by a Liquid body. The hash covers the whole file with line endings normalised to LF, so a checkout on any
/// platform yields the same template identity.
/// </summary>
public sealed class TemplateFileParser
{
    private readonly FluidParser _parser = new();

    public ContractTemplate Parse(string fileName, string text)
    {
        var source = text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!source.StartsWith("---\n", StringComparison.Ordinal))
            throw new InvalidDataException($"template '{fileName}' must start with a '---' front-matter block");
        var end = source.IndexOf("\n---\n", 4, StringComparison.Ordinal);
        if (end < 0) throw new InvalidDataException($"template '{fileName}' has an unterminated front-matter block");

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in source[4..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new InvalidDataException($"template '{fileName}': front-matter line '{line}' is not 'key: value'");
            fields[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        string Field(string key) => fields.TryGetValue(key, out var value) && value.Length > 0
            ? value
            : throw new InvalidDataException($"template '{fileName}' lacks '{key}' in its front matter");

        var id = Field("id");
        var version = Field("version");
        if (!System.Version.TryParse(version, out _))
            throw new InvalidDataException($"template '{fileName}': version '{version}' is not of the form 1.0.0");
        var body = source[(end + 5)..];
        if (!_parser.TryParse(body, out var template, out var error))
            throw new InvalidDataException($"template '{fileName}' does not parse: {error}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
        return new ContractTemplate(id, version, Field("title"), hash, source, template);
    }
}
