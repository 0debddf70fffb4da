namespace OneThing.Storage.Configuration;

public sealed class S3StoreOptions
{
    /// <summary>host:port of the S3 API, e.g. "minio.internal:9000" (no scheme: see <see cref="UseSsl"/>).</summary>
    public string Endpoint { get; set; } = "";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
    public bool UseSsl { get; set; }

    /// <summary>Set explicitly so the SDK never asks the server for a bucket location (one round trip less, and works on s3rver).</summary>
    public string Region { get; set; } = "us-east-1";

    public string Bucket { get; set; } = "onething-documents";

    /// <summary>host:port that banks reach for presigned links, when it differs from <see cref="Endpoint"/> (a reverse proxy).</summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>Object-lock retention applied as the bucket default. None leaves objects deletable by the sweeper at any age.</summary>
    public RetentionMode RetentionMode { get; set; } = RetentionMode.None;

    /// <summary>Days each revision is locked when <see cref="RetentionMode"/> is not None.</summary>
    public int RetentionDays { get; set; }

    /// <summary>When true, start-up fails if the server cannot enforce versioning and object lock, instead of warning.</summary>
    public bool RequireObjectLock { get; set; }
}
