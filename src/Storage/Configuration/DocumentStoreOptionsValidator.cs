using Microsoft.Extensions.Options;

namespace OneThing.Storage.Configuration;

/// <summary>Checks the whole "DocumentStore" section; each problem is one line naming the setting and what is wrong.</summary>
public sealed class DocumentStoreOptionsValidator : IValidateOptions<DocumentStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, DocumentStoreOptions options)
    {
        var errors = new List<string>();
        const string p = DocumentStoreOptions.SectionName;
        if (!Enum.IsDefined(options.Provider))
            errors.Add($"{p}:Provider must be FileSystem or S3.");

        if (options.Provider == DocumentStoreProvider.FileSystem)
        {
            if (string.IsNullOrWhiteSpace(options.FileSystem.RootPath))
                errors.Add($"{p}:FileSystem:RootPath is required for the filesystem store.");
            if (!string.IsNullOrEmpty(options.FileSystem.DownloadSigningKey) && !IsKey(options.FileSystem.DownloadSigningKey))
                errors.Add($"{p}:FileSystem:DownloadSigningKey must be base64 of at least 32 bytes.");
            if (!Uri.TryCreate(options.FileSystem.DownloadBaseUri, UriKind.RelativeOrAbsolute, out _) ||
                !options.FileSystem.DownloadBaseUri.EndsWith('/'))
                errors.Add($"{p}:FileSystem:DownloadBaseUri must be a URI ending in '/'.");
        }

        if (options.Provider == DocumentStoreProvider.S3)
        {
            var s3 = options.S3;
            if (!IsHostPort(s3.Endpoint))
                errors.Add($"{p}:S3:Endpoint must be host:port without a scheme (got '{s3.Endpoint}').");
            if (s3.PublicEndpoint is { Length: > 0 } && !IsHostPort(s3.PublicEndpoint))
                errors.Add($"{p}:S3:PublicEndpoint must be host:port without a scheme (got '{s3.PublicEndpoint}').");
            if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
                errors.Add($"{p}:S3:AccessKey and {p}:S3:SecretKey are required for the S3 store.");
            if (!IsBucketName(s3.Bucket))
                errors.Add($"{p}:S3:Bucket '{s3.Bucket}' is not a valid bucket name (3-63 lower-case letters, digits, '-' or '.').");
            if (string.IsNullOrWhiteSpace(s3.Region))
                errors.Add($"{p}:S3:Region is required (us-east-1 for MinIO unless configured otherwise).");
            if (!Enum.IsDefined(s3.RetentionMode))
                errors.Add($"{p}:S3:RetentionMode must be None, Governance or Compliance.");
            else if (s3.RetentionMode != RetentionMode.None && s3.RetentionDays is < 1 or > 36500)
                errors.Add($"{p}:S3:RetentionDays must be between 1 and 36500 when RetentionMode is {s3.RetentionMode}.");
            if (s3.RequireObjectLock && s3.RetentionMode == RetentionMode.None)
                errors.Add($"{p}:S3:RequireObjectLock needs a RetentionMode of Governance or Compliance.");
        }

        var r = options.Resilience;
        if (r.AttemptTimeout <= TimeSpan.Zero)
            errors.Add($"{p}:Resilience:AttemptTimeout must be positive.");
        if (r.TotalBudget < r.AttemptTimeout)
            errors.Add($"{p}:Resilience:TotalBudget must be at least AttemptTimeout.");
        if (r.MaxRetries is < 0 or > 10)
            errors.Add($"{p}:Resilience:MaxRetries must be between 0 and 10.");
        if (r.BaseDelay <= TimeSpan.Zero)
            errors.Add($"{p}:Resilience:BaseDelay must be positive.");
        if (r.RetryAfter < TimeSpan.FromSeconds(1))
            errors.Add($"{p}:Resilience:RetryAfter must be at least one second.");

        var d = options.DownloadLinks;
        // SigV4 presigned URLs live at most 7 days
        if (d.MaxLifetime <= TimeSpan.Zero || d.MaxLifetime > TimeSpan.FromDays(7))
            errors.Add($"{p}:DownloadLinks:MaxLifetime must be positive and at most 7 days.");
        if (d.DefaultLifetime < TimeSpan.FromSeconds(1) || d.DefaultLifetime > d.MaxLifetime)
            errors.Add($"{p}:DownloadLinks:DefaultLifetime must be at least 1 second and at most MaxLifetime.");

        var s = options.Sweeper;
        if (s.GracePeriod < TimeSpan.FromMinutes(1))
            errors.Add($"{p}:Sweeper:GracePeriod must be at least one minute (a write's database commit may still be on the way).");
        if (s.Interval < TimeSpan.FromSeconds(10))
            errors.Add($"{p}:Sweeper:Interval must be at least 10 seconds.");

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsKey(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written >= 32;
    }

    private static bool IsHostPort(string? value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Contains("://", StringComparison.Ordinal) &&
        Uri.TryCreate("http://" + value, UriKind.Absolute, out var uri) && uri.PathAndQuery == "/" &&
        uri.Host.Length > 0;

    private static bool IsBucketName(string? value) =>
        value is { Length: >= 3 and <= 63 } &&
        value.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.') &&
        char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]);
}
