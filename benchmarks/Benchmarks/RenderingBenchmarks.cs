using BenchmarkDotNet.Attributes;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;
using OneThing.ContractTemplates.Rendering;

namespace OneThing.Benchmarks;

/// <summary>
/// Contract rendering, warm (font parsed, glyph widths cached): the loan contract of a 360-month 等额本息 loan
/// (11 A4 pages, 8 of them repayment schedule), and its parts, to show where the time goes.
/// Pages per second = 11 / mean of <see cref="RenderLoanContract360Months"/>.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private ContractDocumentRenderer _renderer = null!;
    private ContractDocumentRenderer _uncompacted = null!;
    private ContractCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new ContractDocumentRenderer();
        _case = ContractCaseJson.Parse(File.ReadAllText(SamplePath("deyang-couple-equal-instalment.json")));
        var warm = _renderer.Render(_case, DocumentKinds.LoanContract);
        if (warm.PageCount != 11) throw new InvalidOperationException($"expected 11 pages, got {warm.PageCount}");
        _uncompacted = new ContractDocumentRenderer(options: new ContractRenderingOptions { CompactEmbeddedFonts = false });
        // Warm as a running service is: the short job's three warm-up iterations leave whichever benchmark runs
        // first (the compacted loan contract, with PDFsharp's reader) still in tiered compilation (~64 → 29 ms).
        for (var i = 0; i < 40; i++)
        {
            _renderer.Render(_case, DocumentKinds.LoanContract);
            _renderer.Render(_case, DocumentKinds.MortgageContract);
            _uncompacted.Render(_case, DocumentKinds.LoanContract);
        }
    }

    [Benchmark(Description = "loan contract, 360-month schedule, 11 pages")]
    public int RenderLoanContract360Months() => _renderer.Render(_case, DocumentKinds.LoanContract).PageCount;

    // The same document with PDFsharp's own font subset: what the font compaction costs.
    [Benchmark(Description = "loan contract, 11 pages, font not compacted")]
    public int RenderLoanContract360MonthsUncompacted() => _uncompacted.Render(_case, DocumentKinds.LoanContract).PageCount;

    [Benchmark(Description = "mortgage contract, 2 pages")]
    public int RenderMortgageContract() => _renderer.Render(_case, DocumentKinds.MortgageContract).PageCount;

    [Benchmark(Description = "loan contract: validate + schedule + template + layout only")]
    public int LayOutLoanContract() => _renderer.LayOut(_case, DocumentKinds.LoanContract).Layout.Pages.Count;

    [Benchmark(Description = "360-month schedule only")]
    public int Schedule360() => new RepaymentScheduleCalculator()
        .Calculate(RepaymentMethod.EqualInstalment, 60_000_000, 360, 2.85m, new DateOnly(2026, 4, 20)).Instalments.Count;

    // BenchmarkDotNet runs a generated copy elsewhere; the sample is found from this source file's location.
    private static string SamplePath(string name, [System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "samples", name));
}
