using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Rendering;

/// <summary>The rendered PDFs, checked with independent tools: poppler's pdftotext and pdffonts, and qpdf.</summary>
public sealed class RenderedPdfTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ContractDocumentRenderer _renderer = SharedRenderer.Renderer;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_loan_contract_reads_as_chinese_text_with_parties_articles_amounts_and_footers()
    {
        var document = _renderer.Render(Samples.Load(Samples.Couple), DocumentKinds.LoanContract);
        var text = PdfText(document, "-layout");
        var flat = PdfText(document).Replace("\n", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

        Assert.Contains("个人住房公积金借款合同", text);
        Assert.Contains("合同编号：DYGJJ-JK-2026-000123", text);
        Assert.Contains("王建国", text);
        Assert.Contains("510603199007232844", text);
        Assert.Contains("第一条", text);
        Assert.Contains("第十三条", text);
        Assert.Contains("人民币陆拾万元整", flat);
        Assert.Contains("2,481.34", text);
        Assert.Contains("附件：还款计划表", text);
        Assert.Contains($"第 1 页 共 {document.PageCount} 页", text);
        Assert.Contains($"第 {document.PageCount} 页 共 {document.PageCount} 页", text);
        Assert.Contains("文档编号：DYGJJ-JK-2026-000123-JK", text);
        Assert.Contains($"模板 loan-contract v1.0.0 · {document.TemplateHash[..12]}", text);
    }

    [Fact]
    public void The_schedule_annex_has_every_instalment_and_repeats_its_header_on_each_page()
    {
        var document = _renderer.Render(Samples.Load(Samples.Couple), DocumentKinds.LoanContract);
        var pages = PdfText(document, "-layout").Split('\f');
        var schedulePages = pages.Where(p => p.Contains("2026-04-20", StringComparison.Ordinal) || p.Contains("2056-03-20", StringComparison.Ordinal)
            || System.Text.RegularExpressions.Regex.IsMatch(p, @"\n\s*\d{1,3}\s+20\d\d-\d\d-20")).ToArray();

        Assert.True(schedulePages.Length >= 7, $"a 360-month schedule should span several pages, found {schedulePages.Length}");
        Assert.All(schedulePages, page => Assert.Contains("期数", page));
        var allText = string.Join("\n", pages);
        Assert.Matches(@"\n\s*1\s+2026-04-20\s+2,481\.34\s+1,056\.34\s+1,425\.00\s+598,943\.66", allText);
        Assert.Matches(@"\n\s*360\s+2056-03-20\s+2,483\.84\s+2,477\.95\s+5\.89\s+0\.00", allText);
        Assert.Matches(@"合计\s+893,284\.90\s+600,000\.00\s+293,284\.90", allText);
    }

    [Theory]
    [InlineData(DocumentKinds.LoanContract)]
    [InlineData(DocumentKinds.MortgageContract)]
    [InlineData(DocumentKinds.DeductionAuthorization)]
    public void Embeds_only_a_subset_of_the_cjk_font(string kind)
    {
        var path = _temp.Write($"{kind}.pdf", _renderer.Render(Samples.Load(Samples.Couple), kind).Pdf);

        var fonts = ExternalTool.Run("pdffonts", path);

        Assert.Equal(0, fonts.ExitCode);
        var rows = fonts.Output.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Matches(@"^[A-Z]{6}\+WenQuanYi Zen Hei\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", row));
    }

    [Theory]
    [InlineData(Samples.Couple, DocumentKinds.LoanContract)]
    [InlineData(Samples.Couple, DocumentKinds.MortgageContract)]
    [InlineData(Samples.Single, DocumentKinds.DeductionAuthorization)]
    [InlineData(Samples.Single, DocumentKinds.LoanContract)]
    public void Passes_qpdf_structure_check(string sample, string kind)
    {
        var path = _temp.Write("doc.pdf", _renderer.Render(Samples.Load(sample), kind).Pdf);

        var check = ExternalTool.Run("qpdf", "--check", path);

        // 3 = warnings only: PDFsharp's Flate streams lack the Adler-32 trailer (see engineering notes).
        Assert.True(check.ExitCode is 0 or 3, $"qpdf --check exit {check.ExitCode}: {check.Output}{check.Error}");
        Assert.DoesNotContain("ERROR", check.Output + check.Error, StringComparison.Ordinal);
        Assert.Contains("File is not encrypted", check.Output);
    }

    [Fact]
    public void Mortgage_and_authorisation_carry_their_own_wording()
    {
        var contractCase = Samples.Load(Samples.Single);

        var mortgage = PdfText(_renderer.Render(contractCase, DocumentKinds.MortgageContract));
        var authorisation = PdfText(_renderer.Render(contractCase, DocumentKinds.DeductionAuthorization));

        Assert.Contains("抵押合同", mortgage);
        Assert.Contains("广汉市不动产登记中心", mortgage);
        Assert.Contains("委托扣款授权书", authorisation);
        Assert.Contains("6222022319004567890", authorisation);
    }

    [Fact]
    public void An_invalid_case_is_never_rendered()
    {
        var invalid = Samples.Load(Samples.Couple) with { ContractNumber = "", Loan = new Loan() };

        var error = Assert.Throws<ContractCaseValidationException>(() => _renderer.Render(invalid, DocumentKinds.LoanContract));

        Assert.Contains(error.Problems, p => p.Path == "contractNumber");
        Assert.Contains(error.Problems, p => p.Path == "loan.termMonths");
    }

    private string PdfText(RenderedDocument document, params string[] options)
    {
        var path = _temp.Write($"{Guid.NewGuid():N}.pdf", document.Pdf);
        var result = ExternalTool.Run("pdftotext", [.. options, "-enc", "UTF-8", path, "-"]);
        Assert.Equal(0, result.ExitCode);
        return result.Output;
    }
}
