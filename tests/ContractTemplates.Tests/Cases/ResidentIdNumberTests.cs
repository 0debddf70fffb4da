using OneThing.ContractTemplates.Cases;

namespace OneThing.ContractTemplates.Tests.Cases;

public sealed class ResidentIdNumberTests
{
    [Theory]
    [InlineData("510603198804123574")]
    [InlineData("11010519491231002X")] // the GB 11643 standard's own example, check character X
    [InlineData("510681198511054615")]
    public void Accepts_numbers_whose_check_character_matches(string id) => Assert.Null(ResidentIdNumber.Problem(id));

    [Theory]
    [InlineData("510603198804123575", "check digit is wrong (expected 4)")]
    [InlineData("11010519491231002x", "must be 17 digits followed by a digit or X (capital)")]
    [InlineData("51060319880412357", "must be 18 characters, got 17")]
    [InlineData("510603198802303574", "contains an impossible birth date")]
    [InlineData("5106031988O4123574", "must be 17 digits followed by a digit or X")]
    [InlineData("", "is required")]
    public void Rejects_malformed_numbers_with_the_reason(string id, string reason) => Assert.Equal(reason, ResidentIdNumber.Problem(id));

    [Fact]
    public void Computes_the_iso_7064_check_character() =>
        Assert.Equal('X', ResidentIdNumber.CheckCharacter("11010519491231002"));
}
