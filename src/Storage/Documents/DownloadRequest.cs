namespace OneThing.Storage.Documents;

/// <summary>What a download link should deliver: the file name the browser saves, its content type, and how long the link lives.</summary>
public sealed record DownloadRequest(string FileName, string ContentType, TimeSpan Lifetime);
