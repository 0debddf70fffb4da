using System.Net;
using System.Net.Sockets;
using Minio.Exceptions;

namespace OneThing.Storage.S3;

/// <summary>Sorts Minio SDK failures into "try again" (network, 5xx, throttling) and "will not get better".</summary>
internal static class S3ErrorClassifier
{
    public static bool IsTransient(Exception e) => e switch
    {
        ObjectNotFoundException or BucketNotFoundException or AccessDeniedException or AuthorizationException
            or InvalidBucketNameException or InvalidObjectNameException or PreconditionFailedException => false,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        ConnectionException => true,
        MinioException { ServerResponse: { } r } => (int)r.StatusCode is 0 or >= 500 || r.StatusCode == HttpStatusCode.TooManyRequests,
        // the SDK wraps network failures it cannot classify; look at the cause
        MinioException { InnerException: { } inner } => IsTransient(inner),
        _ when e.InnerException is { } inner => IsTransient(inner),
        _ => false,
    };

    public static bool IsNotFound(Exception e) =>
        e is ObjectNotFoundException ||
        (e is MinioException m && (m.Response?.Code is "NoSuchKey" || m.ServerResponse?.StatusCode == HttpStatusCode.NotFound));

    /// <summary>412 to a conditional put: another writer got there first.</summary>
    public static bool IsPreconditionFailed(Exception e) =>
        e is PreconditionFailedException ||
        (e is MinioException m && (m.Response?.Code is "PreconditionFailed" || m.ServerResponse?.StatusCode == HttpStatusCode.PreconditionFailed));

    /// <summary>The server does not implement a feature (s3rver: versioning, object lock).</summary>
    public static bool IsNotImplemented(Exception e) =>
        e is MinioException m &&
        (m.Response?.Code is "NotImplemented" || m.ServerResponse?.StatusCode == HttpStatusCode.NotImplemented ||
         m.Message.Contains("NotImplemented", StringComparison.Ordinal) || m is MissingObjectLockConfigurationException);
}
