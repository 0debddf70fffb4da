using System.Globalization;
using System.Text.RegularExpressions;
using OneThing.Seal.Verification.Document;

namespace OneThing.Seal.Tests.Verification;

/// <summary>PDF dates (ISO 32000-1 §7.9.4) read as the date pattern reads them, partial dates and odd offsets included.</summary>
public sealed partial class PdfDateTests
{
    [Theory]
    [InlineData("D:20261126083000+08'00'", "2026-11-26T08:30:00+08:00")]
    [InlineData("D:20261126003000Z", "2026-11-26T00:30:00+00:00")]
    [InlineData("D:20261126083000-05'30", "2026-11-26T08:30:00-05:30")]
    [InlineData("20261126", "2026-11-26T00:00:00+00:00")]
    [InlineData("D:2026", "2026-01-01T00:00:00+00:00")]
    [InlineData("  D:202611  ", "2026-11-01T00:00:00+00:00")]
    [InlineData("D:2026112", "2026-11-01T00:00:00+00:00")]
    public void Reads_full_and_partial_dates(string text, string expected)
    {
        Assert.True(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).EqualsExact(PdfDate.Parse(text)!.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("D:")]
    [InlineData("D:26")]
    [InlineData("D:20261341")] // month 13
    [InlineData("D:20261126083000+15'00'")] // offset beyond ±14 h
    public void Answers_nothing_for_what_is_not_a_date(string? text)
    {
        Assert.Null(PdfDate.Parse(text));
    }

    [Fact]
    public void Agrees_with_the_date_pattern_on_many_mutated_dates()
    {
        var random = new Random(7);
        const string alphabet = "0123456789Zz+-'D: x";
        string[] seeds = ["D:20261126083000+08'00'", "D:20240229235959Z", "20261126083000-05'30'", "D:19991231"];
        for (var n = 0; n < 20_000; n++)
        {
            var chars = seeds[n % seeds.Length].ToCharArray().ToList();
            for (var edits = random.Next(1, 4); edits > 0 && chars.Count > 0; edits--)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(3))
                {
                    case 0: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    case 1: chars.RemoveAt(at); break;
                    default: chars.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                }
            }
            var text = new string([.. chars]);
            var (expected, actual) = (Reference(text), PdfDate.Parse(text));
            // Same instant and same offset.
            Assert.True(expected.HasValue == actual.HasValue && (expected is null || expected.Value.EqualsExact(actual!.Value)),
                $"'{text}': pattern {expected:o}, parser {actual:o}");
        }
    }

    /// <summary>The regular expression the parser replaced (ASCII digits).</summary>
    [GeneratedRegex(@"^(?:D:)?([0-9]{4})([0-9]{2})?([0-9]{2})?([0-9]{2})?([0-9]{2})?([0-9]{2})?(?:([Zz+\-])([0-9]{2})?'?([0-9]{2})?'?)?")]
    private static partial Regex Pattern();

    private static DateTimeOffset? Reference(string text)
    {
        var m = Pattern().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }
        int Part(int group, int fallback) => m.Groups[group].Success ? int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var offset = TimeSpan.Zero;
            if (m.Groups[7].Success && m.Groups[7].Value is "+" or "-")
            {
                offset = new TimeSpan(Part(8, 0), Part(9, 0), 0);
                if (m.Groups[7].Value == "-")
                {
                    offset = -offset;
                }
            }
            return new DateTimeOffset(Part(1, 1), Part(2, 1), Part(3, 1), Part(4, 0), Part(5, 0), Part(6, 0), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
