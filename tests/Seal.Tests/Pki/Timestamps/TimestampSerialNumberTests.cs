using Microsoft.Extensions.Time.Testing;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.Seal.Tests.Pki.Timestamps;

/// <summary>
/// Several instances share one TSA key, so their token serials must never repeat, even when two
/// instances start in the same millisecond; within one run they keep increasing, and a later run
/// starts above an earlier one; all fit RFC 3161's 160 bits.
/// </summary>
public sealed class TimestampSerialNumberTests
{
    [Fact]
    public void Two_authorities_started_in_the_same_millisecond_give_no_serial_twice()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var one = new TimestampSerialNumbers(clock);
        var two = new TimestampSerialNumbers(clock);

        var serials = Enumerable.Range(0, 1000).SelectMany(_ => new[] { one.Next(), two.Next() }).ToList();

        Assert.Equal(serials.Count, serials.Distinct().Count());
        Assert.All(serials, s => Assert.True(s.BitLength <= 160, $"{s.BitLength} bits"));
    }

    [Fact]
    public void Serials_increase_within_a_run_and_a_later_run_starts_above_an_earlier_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        var earlier = new TimestampSerialNumbers(clock);
        var first = earlier.Next();
        var second = earlier.Next();
        var last = Enumerable.Range(0, 100).Select(_ => earlier.Next()).Last();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var later = new TimestampSerialNumbers(clock);

        Assert.True(second.CompareTo(first) > 0);
        Assert.True(later.Next().CompareTo(last) > 0);
    }
}
