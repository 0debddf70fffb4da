namespace OneThing.Storage.FileSystem;

/// <summary>The meta.json stored beside each revision's content file.</summary>
internal sealed record FileSystemObjectMetadata(string Sha256, long Length, string ContentType, DateTimeOffset StoredAt);
