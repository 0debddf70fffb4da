using OneThing.Storage.Configuration;

namespace OneThing.Storage.Downloads;

internal static class DownloadLifetime
{
    /// <summary>Zero means "the configured default"; anything above the configured maximum is refused.</summary>
    public static TimeSpan Resolve(TimeSpan requested, DownloadLinkOptions options)
    {
        if (requested == TimeSpan.Zero) return options.DefaultLifetime;
        if (requested < TimeSpan.FromSeconds(1) || requested > options.MaxLifetime)
            throw new ArgumentOutOfRangeException(nameof(requested), requested,
                $"A download link lives between 1 second and {options.MaxLifetime}.");
        return requested;
    }
}
