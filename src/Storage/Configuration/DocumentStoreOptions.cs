namespace OneThing.Storage.Configuration;

/// <summary>Configuration section "DocumentStore". Validated at start-up by <see cref="DocumentStoreOptionsValidator"/>.</summary>
public sealed class DocumentStoreOptions
{
    public const string SectionName = "DocumentStore";

    public DocumentStoreProvider Provider { get; set; } = DocumentStoreProvider.FileSystem;
    public FileSystemStoreOptions FileSystem { get; set; } = new();
    public S3StoreOptions S3 { get; set; } = new();
    public StoreResilienceOptions Resilience { get; set; } = new();
    public DownloadLinkOptions DownloadLinks { get; set; } = new();
    public DocumentSweeperOptions Sweeper { get; set; } = new();
}
