using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OneThing.Seal.Verification.Report;

/// <summary>Machine-readable form of a <see cref="VerificationReport"/> (camelCase, enums as strings).</summary>
public static class JsonReportWriter
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Write(VerificationReport report) => JsonSerializer.Serialize(report, Options);

    public static VerificationReport? Read(string json) => JsonSerializer.Deserialize<VerificationReport>(json, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            // Keep Chinese names readable in the output instead of \uXXXX escapes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
