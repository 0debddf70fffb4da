namespace OneThing.Cli.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onething-cli-").FullName;
    private readonly string _sample = Path.Combine(OneThingProcess.RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("loan-contract", "个人住房公积金借款合同")]
    [InlineData("mortgage-contract", "抵押合同")]
    [InlineData("deduction-authorization", "委托扣款授权书")]
    public void Renders_a_sample_case_to_a_pdf(string document, string title)
    {
        var output = Path.Combine(_dir, $"{document}.pdf");

        var result = OneThingProcess.Run("render", "--case", _sample, "--document", document, "--out", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Borrower, CoBorrower1, CentreSeal, LoanOfficer", result.Output);
        var text = OneThingProcess.Start("pdftotext", "-enc", "UTF-8", output, "-");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(title, text.Output);
        Assert.Contains("王建国", text.Output);
    }

    [Fact]
    public void An_invalid_case_prints_every_problem_exits_non_zero_and_leaves_the_output_alone()
    {
        var casePath = Path.Combine(_dir, "bad.json");
        File.WriteAllText(casePath, File.ReadAllText(_sample)
            .Replace("510603198804123574", "510603198804123575", StringComparison.Ordinal)
            .Replace("\"termMonths\": 360", "\"termMonths\": 480", StringComparison.Ordinal)
            .Replace("13990267788", "1399026778", StringComparison.Ordinal));
        var output = Path.Combine(_dir, "existing.pdf");
        File.WriteAllText(output, "previous content");

        var result = OneThingProcess.Run("render", "--case", casePath, "--document", "loan-contract", "--out", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("3 problem(s)", result.Error);
        Assert.Contains("borrower.idNumber: check digit is wrong (expected 4)", result.Error);
        Assert.Contains("loan.termMonths: must be between 1 and 360 months", result.Error);
        Assert.Contains("coBorrowers[0].phone:", result.Error);
        Assert.Equal("previous content", File.ReadAllText(output));
        Assert.Single(Directory.GetFiles(_dir, "*.pdf*"));
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_location()
    {
        var casePath = Path.Combine(_dir, "broken.json");
        File.WriteAllText(casePath, """{ "caseNumber": "X", "loan": { "amountFen": 12.5.0 } }""");

        var result = OneThingProcess.Run("render", "--case", casePath, "--document", "loan-contract", "--out", Path.Combine(_dir, "x.pdf"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("loan.amountFen: cannot be read", result.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "x.pdf")));
    }

    [Fact]
    public void A_missing_case_file_or_unknown_document_fails()
    {
        var missing = OneThingProcess.Run("render", "--case", Path.Combine(_dir, "none.json"), "--document", "loan-contract", "--out", Path.Combine(_dir, "x.pdf"));
        var unknown = OneThingProcess.Run("render", "--case", _sample, "--document", "lease", "--out", Path.Combine(_dir, "x.pdf"));

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("error: cannot read", missing.Error);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("lease", unknown.Error);
    }
}
