using Microsoft.Extensions.Logging;
using Minio;
using Minio.DataModel.Args;
using Minio.DataModel.ObjectLock;
using OneThing.Storage.Configuration;
using OneThing.Storage.Errors;
using OneThing.Storage.Resilience;

namespace OneThing.Storage.S3;

/// <summary>
/// Creates the bucket when missing and makes it as write-once as the server allows: versioning plus a
/// default object-lock retention where supported (MinIO), and a plain statement in the log where not
/// (s3rver, or a bucket created without object lock).
/// </summary>
internal sealed class S3BucketSetup(IMinioClient client, S3StoreOptions options, StoreCallPolicy policy, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var bucket = options.Bucket;
        var wantsLock = options.RetentionMode != RetentionMode.None;
        var exists = await policy.ExecuteAsync("check bucket",
            t => client.BucketExistsAsync(new BucketExistsArgs().WithBucket(bucket), t), cancellationToken).ConfigureAwait(false);
        if (!exists)
        {
            var make = new MakeBucketArgs().WithBucket(bucket).WithLocation(options.Region);
            // object lock can only be switched on when a bucket is created
            if (wantsLock) make = make.WithObjectLock();
            await policy.ExecuteAsync("create bucket", t => client.MakeBucketAsync(make, t), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Document store: created bucket {Bucket} at {Endpoint}", bucket, options.Endpoint);
        }

        var versioning = await TryAsync("read versioning",
            async t => (await client.GetVersioningAsync(new GetVersioningArgs().WithBucket(bucket), t).ConfigureAwait(false))?.Status,
            cancellationToken).ConfigureAwait(false);
        if (!versioning.Supported)
        {
            Unsupported($"the server at {options.Endpoint} does not implement bucket versioning or object lock ({versioning.Reason}); " +
                        "revisions are protected only by OneThing's refuse-to-overwrite check and SHA-256 verification, " +
                        "not by WORM retention (use MinIO with object lock for the legal archive)");
            return;
        }

        if (!wantsLock)
        {
            logger.LogInformation(
                "Document store: S3 bucket {Bucket} at {Endpoint} ready (versioning {Versioning}); no retention configured (RetentionMode None)",
                bucket, options.Endpoint, versioning.Value ?? "Off");
            return;
        }

        var mode = options.RetentionMode == RetentionMode.Compliance ? ObjectRetentionMode.COMPLIANCE : ObjectRetentionMode.GOVERNANCE;
        // an operator may have set the bucket up already (storage/minio/setup-bucket.sh) and given the
        // application no right to change it: accept a matching configuration without writing it
        var current = await TryAsync("read object lock", async t =>
        {
            var config = await client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationArgs().WithBucket(bucket), t)
                .ConfigureAwait(false);
            return config?.Rule?.DefaultRetention is { } d && config.ObjectLockEnabled == ObjectLockConfiguration.LockEnabled
                ? $"{d.Mode}/{d.Days}"
                : null;
        }, cancellationToken).ConfigureAwait(false);
        if (current.Value != $"{mode}/{options.RetentionDays}")
        {
            if (!string.Equals(versioning.Value, "Enabled", StringComparison.Ordinal))
                await policy.ExecuteAsync("enable versioning",
                    t => client.SetVersioningAsync(new SetVersioningArgs().WithBucket(bucket).WithVersioningEnabled(), t),
                    cancellationToken).ConfigureAwait(false);
            var set = await TryAsync("set object lock", async t =>
            {
                await client.SetObjectLockConfigurationAsync(new SetObjectLockConfigurationArgs().WithBucket(bucket)
                    .WithLockConfiguration(new ObjectLockConfiguration(mode, options.RetentionDays)), t).ConfigureAwait(false);
                return "set";
            }, cancellationToken).ConfigureAwait(false);
            if (!set.Supported)
            {
                Unsupported($"bucket {bucket} at {options.Endpoint} has no usable object lock ({set.Reason}; object lock can only be " +
                            $"enabled when a bucket is created); {options.RetentionMode} retention of {options.RetentionDays} days is NOT enforced");
                return;
            }
        }

        logger.LogInformation(
            "Document store: S3 bucket {Bucket} at {Endpoint} ready: versioning Enabled, object lock {Mode} retention {Days} days on every revision",
            bucket, options.Endpoint, options.RetentionMode, options.RetentionDays);
    }

    private void Unsupported(string what)
    {
        if (options.RequireObjectLock)
            throw new DocumentStoreUnavailableException(
                $"Document store: {what}, and DocumentStore:S3:RequireObjectLock is true.", policy.RetryAfter);
        logger.LogWarning("Document store: {What}", what);
    }

    private async Task<(bool Supported, string? Value, string? Reason)> TryAsync(string operation, Func<CancellationToken, Task<string?>> call,
        CancellationToken cancellationToken)
    {
        try
        {
            return (true, await policy.ExecuteAsync(operation, call, cancellationToken).ConfigureAwait(false), null);
        }
        // any non-transient refusal counts as "not supported": s3rver answers NotImplemented to some of these
        // requests and a bucket listing to others (which the SDK then fails to parse)
        catch (Exception e) when (e is not DocumentStoreException && e is not OperationCanceledException &&
                                  (S3ErrorClassifier.IsNotImplemented(e) || !policy.IsTransient(e)))
        {
            logger.LogDebug("Document store: {Operation} refused by the server: {Error}", operation, e.Message);
            var reason = e is Minio.Exceptions.MinioException { Response.Code: { Length: > 0 } code } ? code : e.GetType().Name;
            return (false, null, $"{operation}: {reason}");
        }
    }
}
