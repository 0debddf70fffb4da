namespace OneThing.Storage.Configuration;

public enum DocumentStoreProvider
{
    /// <summary>The embedded default: a folder on local disk.</summary>
    FileSystem,

    /// <summary>MinIO or any S3-compatible server through the Minio .NET SDK.</summary>
    S3,
}
