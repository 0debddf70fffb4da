using OneThing.Storage.Documents;

namespace OneThing.Storage.Tests.Documents;

public sealed class DocumentKeyTests
{
    [Fact]
    public void The_object_key_is_centre_case_document_and_a_fixed_width_revision()
    {
        Assert.Equal("centre-510600/case-2026-0001/loan-contract/r000012",
            new DocumentKey("centre-510600", "case-2026-0001", "loan-contract", 12).ObjectKey);
    }

    [Fact]
    public void An_object_key_parses_back_to_the_same_key()
    {
        var key = new DocumentKey("c1", "case.7", "mortgage_contract", 3);
        Assert.True(DocumentKey.TryParse(key.ObjectKey, out var parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("中心")]
    public void Segments_that_could_escape_a_folder_or_break_a_key_are_refused(string segment)
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentKey(segment, "case", "doc", 1));
        Assert.Contains("not a valid centreId", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Revisions_outside_1_to_999999_are_refused(int revision)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DocumentKey("c", "case", "doc", revision));
    }

    [Theory]
    [InlineData("c/case/doc")]
    [InlineData("c/case/doc/r1")]
    [InlineData("c/case/doc/r000000")]
    [InlineData("c/../doc/r000001")]
    public void Foreign_object_names_are_not_taken_for_revisions(string objectKey)
    {
        Assert.False(DocumentKey.TryParse(objectKey, out _));
    }
}
