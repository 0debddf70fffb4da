using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Parsing;

namespace OneThing.Seal.Tests.Pdf;

/// <summary>
/// Long hex strings (a signature's /Contents) keep their digits and decode on first use, to exactly the
/// bytes an eager decoding gives; anything not plain digits is decoded (and checked) at once as before.
/// </summary>
public sealed class HexStringTests
{
    [Fact]
    public void A_long_plain_hex_string_keeps_its_digits_and_decodes_to_the_same_bytes()
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();
        var digits = Convert.ToHexString(bytes[..1500]) + Convert.ToHexString(bytes[1500..]).ToLowerInvariant();

        var parsed = Parse($"<{digits}>");

        Assert.True(parsed.IsHex);
        Assert.Equal(digits, Encoding.ASCII.GetString(parsed.HexDigits.Span));
        Assert.Equal(bytes.Length, parsed.Length);
        Assert.Equal(bytes, parsed.Bytes);
        Assert.Same(parsed.Bytes, parsed.Bytes);
    }

    [Theory]
    [InlineData(" ")] // whitespace between digits
    [InlineData("\n")]
    public void A_long_hex_string_with_whitespace_is_decoded_at_once_to_the_same_bytes(string separator)
    {
        var bytes = Enumerable.Range(0, 2000).Select(i => (byte)(i * 13)).ToArray();
        var digits = Convert.ToHexString(bytes);

        var parsed = Parse($"<{digits[..1000]}{separator}{digits[1000..]}>");

        Assert.True(parsed.HexDigits.IsEmpty);
        Assert.Equal(bytes, parsed.Bytes);
    }

    [Fact]
    public void A_long_hex_string_with_an_odd_number_of_digits_ends_with_a_zero_nibble_as_before()
    {
        var digits = new string('A', 2001);

        var parsed = Parse($"<{digits}>");

        Assert.True(parsed.HexDigits.IsEmpty);
        Assert.Equal(1001, parsed.Length);
        Assert.Equal(0xA0, parsed.Bytes[^1]);
    }

    [Fact]
    public void A_long_hex_string_with_a_bad_character_is_still_rejected()
    {
        var digits = new string('0', 1500) + "G" + new string('0', 1499);

        var ex = Assert.Throws<PdfFormatException>(() => Parse($"<{digits}>"));

        Assert.Contains("invalid character in hex string", ex.Message);
    }

    [Fact]
    public void Short_hex_strings_are_decoded_at_once()
    {
        var parsed = Parse("<48656C6C6F>");

        Assert.True(parsed.HexDigits.IsEmpty);
        Assert.Equal("Hello", parsed.ToText());
    }

    [Fact]
    public void A_parsed_dictionary_with_repeated_keys_and_nulls_enumerates_as_a_Dictionary_filled_the_same_way()
    {
        // Enough entries to pass the compact form's 16 slots, with nulls (removals) and repeats (replacements).
        var keys = new[] { "A", "B", "C", "A", "D", "B", "E", "F", "G", "H", "C", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "A", "S" };
        var text = new StringBuilder("<<");
        var reference = new Dictionary<string, PdfObject>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            var isNull = i % 5 == 2;
            text.Append('/').Append(keys[i]).Append(isNull ? " null" : $" {i}");
            if (isNull)
            {
                reference.Remove(keys[i]);
            }
            else
            {
                reference[keys[i]] = new PdfInteger(i);
            }
        }
        text.Append(">>");

        var parsed = (PdfDictionary)new PdfObjectParser(Encoding.ASCII.GetBytes(text.ToString()), PdfReaderLimits.Default).ParseObject();

        Assert.Equal(reference.Keys, parsed.Keys);
        Assert.Equal(reference.Values.Select(v => ((PdfInteger)v).Value), parsed.Select(e => ((PdfInteger)e.Value).Value));
    }

    [Fact]
    public void Parsed_arrays_hold_every_element_in_order_however_long()
    {
        var text = "[" + string.Join(' ', Enumerable.Range(0, 100)) + " [1 [2]] <</A 1>>]";

        var parsed = (PdfArray)new PdfObjectParser(Encoding.ASCII.GetBytes(text), PdfReaderLimits.Default).ParseObject();

        Assert.Equal(102, parsed.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), parsed.Take(100).Select(o => ((PdfInteger)o).Value));
        Assert.Equal(2, Assert.IsType<PdfArray>(parsed[100]).Count);
        Assert.IsType<PdfDictionary>(parsed[101]);
    }

    private static PdfString Parse(string text) =>
        Assert.IsType<PdfString>(new PdfObjectParser(Encoding.ASCII.GetBytes(text), PdfReaderLimits.Default).ParseObject());
}
