namespace OneThing.SigningApi.Logging;

/// <summary>How the console log is written.</summary>
public enum LogFormat
{
    /// <summary>The built-in simple console format, for a person reading a terminal.</summary>
    Plain,

    /// <summary>One JSON object per line with event id, scopes, trace and span ids, UTC timestamps; for a log collector.</summary>
    Json,
}
