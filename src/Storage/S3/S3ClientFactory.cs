using Minio;
using OneThing.Storage.Configuration;

namespace OneThing.Storage.S3;

public static class S3ClientFactory
{
    /// <summary>A Minio client for <paramref name="endpoint"/> (defaults to the configured endpoint).</summary>
    public static IMinioClient Create(S3StoreOptions options, StoreResilienceOptions resilience, string? endpoint = null) =>
        new MinioClient()
            .WithEndpoint(endpoint ?? options.Endpoint)
            .WithCredentials(options.AccessKey, options.SecretKey)
            .WithRegion(options.Region)
            .WithSSL(options.UseSsl)
            .WithTimeout((int)resilience.AttemptTimeout.TotalMilliseconds)
            .Build();
}
