using System.Net.Http.Headers;
using OneThing.Storage.Downloads;

namespace OneThing.Storage.Tests.Documents;

public sealed class ContentDispositionBuilderTests
{
    [Fact]
    public void A_chinese_file_name_travels_in_filename_star_with_an_ascii_fallback()
    {
        var value = ContentDispositionBuilder.Attachment("个人住房公积金借款合同.pdf");

        var parsed = ContentDispositionHeaderValue.Parse(value);
        Assert.Equal("attachment", parsed.DispositionType);
        Assert.Equal("个人住房公积金借款合同.pdf", parsed.FileNameStar);
        Assert.Equal("document.pdf", parsed.FileName?.Trim('"'));
        Assert.Contains("filename*=utf-8''%E4%B8%AA", value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Quotes_and_percent_signs_cannot_break_out_of_the_fallback()
    {
        Assert.Equal("a_b_c_.pdf", ContentDispositionBuilder.AsciiFallback("a\"b\\c%.pdf"));
        Assert.Equal("contract 2026-001.pdf", ContentDispositionBuilder.AsciiFallback("contract 2026-001.pdf"));
    }
}
