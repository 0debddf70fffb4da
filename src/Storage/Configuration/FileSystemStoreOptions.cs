namespace OneThing.Storage.Configuration;

public sealed class FileSystemStoreOptions
{
    /// <summary>Folder holding the revisions; relative paths are resolved against the working directory.</summary>
    public string RootPath { get; set; } = Path.Combine("data", "documents");

    /// <summary>Where the API serves signed download tokens; a link is this prefix followed by the token.</summary>
    public string DownloadBaseUri { get; set; } = "/api/v1/downloads/";

    /// <summary>
    /// Base64 HMAC key (at least 32 bytes) for download tokens. When empty a random key is made at start,
    /// so links die with the process: set it when several instances serve downloads.
    /// </summary>
    public string? DownloadSigningKey { get; set; }
}
