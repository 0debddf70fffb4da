namespace OneThing.SigningApi.Logging;

/// <summary><c>OneThing:Logging</c>: the console log's format.</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "OneThing:Logging";

    /// <summary><c>plain</c> (default) or <c>json</c>.</summary>
    public LogFormat Format { get; set; } = LogFormat.Plain;
}
