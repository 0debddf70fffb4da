using System.Text.Json;

namespace OneThing.Cli.Tests;

/// <summary><c>onething verify</c>: report on stdout, exit 0 valid and trusted, 1 readable but failing, 2 unreadable.</summary>
public sealed class VerifyCommandTests(VerifyCommandFixture files) : IClassFixture<VerifyCommandFixture>
{
    [Fact]
    public void A_signed_PDF_with_its_anchor_trusted_exits_0_with_a_bilingual_report()
    {
        var (code, output, _) = VerifyCommandFixture.Onething("verify", files.Signed, "--trust", files.Anchors);

        Assert.Equal(0, code);
        Assert.Contains("文档有效 / Document valid", output, StringComparison.Ordinal);
        Assert.Contains("签名有效 / Signature valid", output, StringComparison.Ordinal);
        Assert.Contains("CN=Cli Test Signer", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_trust_anchors_the_same_PDF_exits_1_and_says_why()
    {
        var (code, output, _) = VerifyCommandFixture.Onething("verify", files.Signed);

        Assert.Equal(1, code);
        Assert.Contains("no trust anchors given (--trust)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_is_machine_readable()
    {
        var (code, output, _) = VerifyCommandFixture.Onething("verify", files.Signed, "--trust", files.Anchors, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("Valid", json.RootElement.GetProperty("verdict").GetString());
        var signature = json.RootElement.GetProperty("signatures")[0];
        Assert.Equal("Bank", signature.GetProperty("fieldName").GetString());
        Assert.True(signature.GetProperty("coversWholeFile").GetBoolean());
    }

    [Fact]
    public void A_changed_byte_exits_1_naming_the_integrity_failure()
    {
        var (code, output, _) = VerifyCommandFixture.Onething("verify", files.Tampered, "--trust", files.Anchors);

        Assert.Equal(1, code);
        Assert.Contains("the signed bytes were changed", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("random.pdf")]
    [InlineData("empty.pdf")]
    [InlineData("missing.pdf")]
    public void Input_that_is_not_a_readable_PDF_exits_2_with_a_one_line_error(string name)
    {
        var (code, _, error) = VerifyCommandFixture.Onething("verify", files.File(name), "--trust", files.Anchors);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("onething verify: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_trust_anchor_file_exits_2()
    {
        var (code, _, error) = VerifyCommandFixture.Onething("verify", files.Signed, "--trust", files.Random);

        Assert.Equal(2, code);
        Assert.Contains("cannot read trust anchors", error, StringComparison.Ordinal);
    }
}
