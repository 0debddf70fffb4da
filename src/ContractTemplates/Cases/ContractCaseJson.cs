using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneThing.ContractTemplates.Cases;

/// <summary>Reads and writes case files (camelCase JSON, enums as kebab-case strings such as <c>equal-instalment</c>).</summary>
public static class ContractCaseJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses a case; malformed JSON or unknown fields throw <see cref="ContractCaseValidationException"/> with the path.</summary>
    public static ContractCase Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ContractCase>(json, Options)
                ?? throw new ContractCaseValidationException([new ValidationProblem("$", "the case file is empty (null)")]);
        }
        catch (JsonException e)
        {
            var path = string.IsNullOrEmpty(e.Path) ? "$" : e.Path.TrimStart('$', '.');
            var message = e.Message.Split(" Path:", 2)[0];
            throw new ContractCaseValidationException([new ValidationProblem(path.Length == 0 ? "$" : path, $"cannot be read: {message}")]);
        }
    }

    /// <summary>Reads a case file from disk; a missing or unreadable file surfaces as the usual I/O exception.</summary>
    public static async Task<ContractCase> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken));

    public static string Serialize(ContractCase contractCase) => JsonSerializer.Serialize(contractCase, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            AllowTrailingCommas = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
