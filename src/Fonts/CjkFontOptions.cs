namespace OneThing.Fonts;

/// <summary>Where the CJK TrueType collection lives. Validated when the font is first registered.</summary>
public sealed record CjkFontOptions
{
    /// <summary>Environment variable that overrides <see cref="FontPath"/> when the option is not set.</summary>
    public const string EnvironmentVariable = "ONETHING_CJK_FONT";

    /// <summary>Debian's location for fonts-wqy-zenhei.</summary>
    public const string DebianPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /// <summary>Path of a .ttc (face 0 is used) or a plain .ttf; null means environment variable, then <see cref="DebianPath"/>.</summary>
    public string? FontPath { get; init; }

    /// <summary>The path actually used: option, then environment variable, then the Debian default.</summary>
    public string ResolvePath()
    {
        if (!string.IsNullOrWhiteSpace(FontPath)) return FontPath;
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DebianPath : fromEnvironment;
    }
}
