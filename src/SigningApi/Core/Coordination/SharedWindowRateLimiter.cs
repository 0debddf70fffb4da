using System.Threading.RateLimiting;

namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// An ASP.NET Core <see cref="RateLimiter"/> over <see cref="SharedRateLimits"/>: every permit is
/// counted in the database, so the limit is the cluster's, not one instance's. The synchronous path
/// never admits (it cannot ask the database), which sends the middleware to the asynchronous one.
/// </summary>
public sealed class SharedWindowRateLimiter(SharedRateLimits limits, string partition, int permitLimit, TimeSpan window) : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var retryAfter = await limits.TryTakeAsync(partition, permitLimit, window, cancellationToken);
        return retryAfter is null ? Lease.Admitted : new Lease(false, retryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Admitted = new(true, null);
        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
