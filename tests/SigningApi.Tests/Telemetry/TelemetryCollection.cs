namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// Spans and meters are listened to process-wide, so the telemetry tests run alone, after the
/// parallel ones: another test's signatures would otherwise land in their counts and traces.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "telemetry";
}
