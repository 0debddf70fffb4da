using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Tests.Pdf;

/// <summary>
/// The parser's compact dictionaries enumerate (and so are written) in exactly the order a
/// <see cref="Dictionary{TKey,TValue}"/> would give after the same additions, replacements and
/// removals — small or large, before and after growing, and in their copies.
/// </summary>
public sealed class PdfDictionaryOrderTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 14)]
    [InlineData(3, 40)]
    [InlineData(4, 17)]
    public void Entries_come_out_in_the_order_a_Dictionary_gives_after_the_same_edits(int seed, int keySpace)
    {
        var random = new Random(seed);
        var pdf = new PdfDictionary(capacity: 8);
        var reference = new Dictionary<string, PdfObject>(StringComparer.Ordinal);
        for (var step = 0; step < 2_000; step++)
        {
            // Keys built fresh each time, so lookups cannot rely on the same string instance.
            var key = "K" + random.Next(keySpace).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (random.Next(3) == 0)
            {
                Assert.Equal(reference.Remove(key), pdf.Remove(key));
            }
            else
            {
                var value = new PdfInteger(step);
                reference[key] = value;
                pdf[key] = value;
            }
            Assert.Equal(reference.Count, pdf.Count);
            Assert.Equal(reference.ToArray(), pdf.ToArray());
            Assert.Equal(reference.Keys, pdf.Keys);
            Assert.Equal(reference.ContainsKey(key), pdf.ContainsKey(key));
            Assert.Same(reference.GetValueOrDefault(key), pdf[key]);
        }
        Assert.Equal(new Dictionary<string, PdfObject>(reference, StringComparer.Ordinal).ToArray(), pdf.ShallowClone().ToArray());
        Assert.Equal(reference.Keys, ((PdfDictionary)pdf.DeepClone()).Keys);
    }

    [Fact]
    public void Setting_null_removes_the_entry()
    {
        var pdf = new PdfDictionary { ["A"] = new PdfInteger(1), ["B"] = new PdfInteger(2) };

        pdf["A"] = null;

        Assert.Null(pdf["A"]);
        Assert.Equal(["B"], pdf.Keys);
    }
}
