using Minio;
using Minio.DataModel.Args;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>Lists a cluster's document bucket straight from the S3 server: what is stored, not what the instances say.</summary>
internal static class ClusterBucket
{
    public sealed record StoredObject(string Key, DateTimeOffset LastModified);

    public static async Task<IReadOnlyList<StoredObject>> ListAsync(string bucket)
    {
        using var client = new MinioClient()
            .WithEndpoint(Environment.GetEnvironmentVariable("ONETHING_S3_ENDPOINT"))
            .WithCredentials(Environment.GetEnvironmentVariable("ONETHING_S3_ACCESS_KEY") ?? "S3RVER", Environment.GetEnvironmentVariable("ONETHING_S3_SECRET_KEY") ?? "S3RVER")
            .WithRegion("us-east-1")
            .Build();
        var objects = new List<StoredObject>();
        await foreach (var item in client.ListObjectsEnumAsync(new ListObjectsArgs().WithBucket(bucket).WithRecursive(true)))
        {
            if (!item.IsDir)
                objects.Add(new StoredObject(item.Key, item.LastModifiedDateTime is { } m ? new DateTimeOffset(DateTime.SpecifyKind(m.ToUniversalTime(), DateTimeKind.Utc)) : DateTimeOffset.MinValue));
        }
        return objects;
    }
}
