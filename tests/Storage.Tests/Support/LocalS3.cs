using Minio;
using OneThing.Storage.Configuration;

namespace OneThing.Storage.Tests.Support;

/// <summary>
/// The S3 server the test command starts (storage/start-local-s3.sh exports ONETHING_S3_*).
/// Missing variables fail the test with instructions: S3 tests never pass silently.
/// </summary>
public static class LocalS3
{
    public static S3StoreOptions Options(string bucket, string? endpoint = null)
    {
        var env = Environment.GetEnvironmentVariable("ONETHING_S3_ENDPOINT");
        if (string.IsNullOrEmpty(env) && endpoint is null)
            throw new InvalidOperationException(
                "ONETHING_S3_ENDPOINT is not set: start the local S3 server first with `eval \"$(storage/start-local-s3.sh)\"` (test.sh does this).");
        return new S3StoreOptions
        {
            Endpoint = endpoint ?? env!,
            AccessKey = Environment.GetEnvironmentVariable("ONETHING_S3_ACCESS_KEY") ?? "S3RVER",
            SecretKey = Environment.GetEnvironmentVariable("ONETHING_S3_SECRET_KEY") ?? "S3RVER",
            Bucket = bucket,
        };
    }

    /// <summary>A raw SDK client that goes around the store, for tampering with objects behind its back.</summary>
    public static IMinioClient RawClient(S3StoreOptions options) =>
        new MinioClient().WithEndpoint(options.Endpoint).WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region).Build();

    public static string UniqueBucket(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
}
