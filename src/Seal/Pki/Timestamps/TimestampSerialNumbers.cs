using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Token serial numbers that are unique and strictly increasing, also across restarts: the start
/// time in milliseconds forms the high bits and a 32-bit per-run counter the low bits. A restart
/// always starts above the previous run's serials as long as the clock does not run backwards.
/// </summary>
internal sealed class TimestampSerialNumbers(TimeProvider clock)
{
    private readonly BigInteger _epoch = BigInteger.ValueOf(clock.GetUtcNow().ToUnixTimeMilliseconds()).ShiftLeft(32);
    private long _counter;

    public BigInteger Next()
    {
        var next = Interlocked.Increment(ref _counter);
        if (next > uint.MaxValue)
        {
            throw new InvalidOperationException("The timestamp serial counter of this run is exhausted; restart the authority.");
        }

        return _epoch.Add(BigInteger.ValueOf(next));
    }
}
