using System.Security.Cryptography;
using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Token serial numbers that are unique and strictly increasing within a run, above every earlier
/// run's, and unique across instances sharing the TSA key: the start time in milliseconds forms the
/// high bits, a random 64-bit number drawn at start (this run's own) the middle bits and a 32-bit
/// per-run counter the low bits (137 bits in all, within RFC 3161's 160). Two instances could repeat
/// a serial only by drawing the same 64 random bits in the same millisecond.
/// </summary>
internal sealed class TimestampSerialNumbers(TimeProvider clock)
{
    private readonly BigInteger _base = BigInteger.ValueOf(clock.GetUtcNow().ToUnixTimeMilliseconds()).ShiftLeft(96)
        .Add(new BigInteger(1, RandomNumberGenerator.GetBytes(8)).ShiftLeft(32));
    private long _counter;

    public BigInteger Next()
    {
        var next = Interlocked.Increment(ref _counter);
        if (next > uint.MaxValue)
        {
            throw new InvalidOperationException("The timestamp serial counter of this run is exhausted; restart the authority.");
        }

        return _base.Add(BigInteger.ValueOf(next));
    }
}
