using System.Text.Json;
using OneThing.Seal.Tests.Support;

namespace OneThing.Cli.Tests;

/// <summary>An SM2 PKI with a seal maker's key, a seal made from it and a seal signature, made once with the real executable.</summary>
public sealed class SealCommandFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SealCommandFixture()
    {
        Check(OneThingProcess.Run("pki", "init", "--dir", Pki, "--key-algorithm", "sm2"));
        Check(OneThingProcess.Run("pki", "issue", "--dir", Pki, "--profile", "applicant", "--name", "制章员", "--id-number", "11010519491231002X", "--out", Maker));
        Check(OneThingProcess.Run("seal", "make", "--maker-p12", Maker, "--signer-cert", SealCertificate, "--name", "德阳市住房公积金管理中心合同专用章",
            "--type", "2", "--picture", PicturePath, "--esid", "DY-ES-0001", "--out", Seal));
        System.IO.File.WriteAllText(Content, "借款合同 DYGJJ-JK-2026-000123");
        Check(OneThingProcess.Run("seal", "sign", "--seal", Seal, "--signer-p12", Path.Combine(Pki, "keys", "seal-5106000000001.p12"), "--in", Content, "--out", Signature));
    }

    public string Pki => _dir.File("pki");
    public string Maker => _dir.File("maker.p12");
    public string SealCertificate => Path.Combine(Pki, "certs", "seal-5106000000001.pem");
    public string PicturePath => Path.Combine(OneThingProcess.RepositoryRoot(), "samples", "handwriting", "borrower.png");
    public string Seal => _dir.File("seal.esl");
    public string Content => _dir.File("contract.txt");
    public string Signature => _dir.File("contract.ses");

    public string File(string name) => _dir.File(name);

    private static void Check(OneThingProcess.Result result) =>
        Assert.True(result.ExitCode == 0, $"setup step failed ({result.ExitCode}): {result.Output}{result.Error}");

    public void Dispose() => _dir.Dispose();
}

/// <summary><c>onething seal make|sign|inspect</c>: exit 0 verified, 1 readable but a check fails, 2 unreadable with one line.</summary>
public sealed class SealCommandTests(SealCommandFixture files) : IClassFixture<SealCommandFixture>
{
    [Fact]
    public void Inspecting_a_made_seal_prints_its_fields_exits_0_and_writes_the_picture_back_unchanged()
    {
        var picture = files.File("picture-out.png");
        var (code, output, _) = OneThingProcess.Run("seal", "inspect", files.Seal, "--picture", picture);

        Assert.Equal(0, code);
        Assert.Contains("GB/T 38540-2020 (v4)", output, StringComparison.Ordinal);
        Assert.Contains("印章名称 / Name: 德阳市住房公积金管理中心合同专用章   类型 / Type: 2", output, StringComparison.Ordinal);
        Assert.Contains("esID: DY-ES-0001", output, StringComparison.Ordinal);
        Assert.Contains("(valid now)", output, StringComparison.Ordinal);
        Assert.Contains("✓ seal signature (seal maker)", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(files.PicturePath), File.ReadAllBytes(picture));
    }

    [Fact]
    public void Inspecting_a_seal_signature_as_json_names_the_signer_and_passes_every_check_including_the_content_hash()
    {
        var (code, output, _) = OneThingProcess.Run("seal", "inspect", files.Signature, "--json", "--content", files.Content);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("SES_Signature", json.RootElement.GetProperty("kind").GetString());
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Contains("SERIALNUMBER=5106000000001", json.RootElement.GetProperty("signature").GetProperty("signer").GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, json.RootElement.GetProperty("checks").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("passed").GetBoolean()));
    }

    [Fact]
    public void Other_content_than_was_signed_exits_1_naming_the_hash_mismatch()
    {
        var other = files.File("other.txt");
        File.WriteAllText(other, "借款合同 DYGJJ-JK-2026-000124");

        var (code, output, _) = OneThingProcess.Run("seal", "inspect", files.Signature, "--content", other);

        Assert.Equal(1, code);
        Assert.Contains("✗ content hash: SM3 of the signed content does not match dataHash", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_character_in_the_seal_name_keeps_the_file_readable_but_exits_1_on_the_makers_signature()
    {
        var bytes = File.ReadAllBytes(files.Seal);
        var at = bytes.AsSpan().IndexOf("合同专用章"u8);
        bytes[at + 2] ^= 0x01;
        var altered = files.File("altered.esl");
        File.WriteAllBytes(altered, bytes);

        var (code, output, _) = OneThingProcess.Run("seal", "inspect", altered);

        Assert.Equal(1, code);
        Assert.Contains("✗ seal signature (seal maker): the SM2 signature does not verify", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("garbage")]
    [InlineData("missing")]
    public void An_unreadable_seal_file_exits_2_with_one_line_on_stderr(string kind)
    {
        var path = files.File($"{kind}.esl");
        switch (kind)
        {
            case "truncated":
                File.WriteAllBytes(path, File.ReadAllBytes(files.Signature)[..500]);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "garbage":
                File.WriteAllBytes(path, [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 37))]);
                break;
        }

        var (code, output, error) = OneThingProcess.Run("seal", "inspect", path);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"onething seal inspect: {kind}.esl: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_with_a_key_the_seal_does_not_list_is_refused_and_writes_nothing()
    {
        var output = files.File("refused.ses");

        var (code, _, error) = OneThingProcess.Run("seal", "sign", "--seal", files.Seal, "--signer-p12", files.Maker, "--in", files.Content, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("does not list", error, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }
}
