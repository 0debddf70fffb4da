namespace OneThing.Storage.Configuration;

public sealed class DownloadLinkOptions
{
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longer requests are refused: links are for an immediate download, not for sharing.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);
}
