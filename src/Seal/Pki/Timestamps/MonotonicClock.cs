namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Millisecond UTC time that never goes backwards within a process, so a later token never carries
/// an earlier genTime than one issued before it even if the system clock is stepped back.
/// </summary>
internal sealed class MonotonicClock(TimeProvider clock)
{
    private long _lastMillis;

    public DateTime UtcNow()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref _lastMillis);
            var next = Math.Max(now, last);
            if (next == last || Interlocked.CompareExchange(ref _lastMillis, next, last) == last)
            {
                return DateTime.UnixEpoch.AddMilliseconds(next);
            }
        }
    }
}
