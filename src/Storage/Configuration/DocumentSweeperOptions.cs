namespace OneThing.Storage.Configuration;

public sealed class DocumentSweeperOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// An object younger than this is never swept: its database commit may still be on the way
    /// (object first, then the record). Must be far longer than any request.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(15);
}
