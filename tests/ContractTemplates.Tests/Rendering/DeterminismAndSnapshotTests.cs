using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Rendering;

/// <summary>Same case and template version → the same bytes, today and in every later build (approved snapshots).</summary>
public sealed class DeterminismAndSnapshotTests
{
    [Fact]
    public void Rendering_twice_gives_byte_identical_pdfs()
    {
        var contractCase = Samples.Load(Samples.Couple);

        var first = SharedRenderer.Renderer.Render(contractCase, DocumentKinds.LoanContract);
        var second = new ContractDocumentRenderer().Render(contractCase, DocumentKinds.LoanContract);

        Assert.Equal(first.Pdf, second.Pdf);
    }

    [Fact]
    public void Concurrent_renders_on_one_renderer_give_the_same_bytes()
    {
        var contractCase = Samples.Load(Samples.Single);
        var expected = SharedRenderer.Renderer.Render(contractCase, DocumentKinds.MortgageContract).Pdf;
        var results = new byte[6][];

        Parallel.For(0, results.Length, i => results[i] = SharedRenderer.Renderer.Render(contractCase, DocumentKinds.MortgageContract).Pdf);

        Assert.All(results, pdf => Assert.Equal(expected, pdf));
    }

    [Fact]
    public void Different_case_data_gives_a_different_document_id_in_the_trailer()
    {
        var contractCase = Samples.Load(Samples.Couple);
        var changed = contractCase with { Borrower = contractCase.Borrower with { Phone = "13881012346" } };

        var a = SharedRenderer.Renderer.Render(contractCase, DocumentKinds.DeductionAuthorization).Pdf;
        var b = SharedRenderer.Renderer.Render(changed, DocumentKinds.DeductionAuthorization).Pdf;

        Assert.NotEqual(TrailerId(a), TrailerId(b));
    }

    [Theory]
    [InlineData(Samples.Couple, DocumentKinds.LoanContract)]
    [InlineData(Samples.Couple, DocumentKinds.MortgageContract)]
    [InlineData(Samples.Couple, DocumentKinds.DeductionAuthorization)]
    [InlineData(Samples.Single, DocumentKinds.LoanContract)]
    public void Output_matches_the_approved_snapshot(string sample, string kind)
    {
        var document = SharedRenderer.Renderer.Render(Samples.Load(sample), kind);

        SnapshotComparer.AssertMatches($"{Path.GetFileNameWithoutExtension(sample)}.{kind}", "pdf", document.Pdf);
    }

    private static string TrailerId(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var start = text.LastIndexOf("/ID", StringComparison.Ordinal);
        return text.Substring(start, 75);
    }
}
