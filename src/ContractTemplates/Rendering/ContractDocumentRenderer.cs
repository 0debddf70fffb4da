using System.Security.Cryptography;
using System.Text;
using Fluid;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;
using OneThing.ContractTemplates.Rendering.Layout;
using OneThing.ContractTemplates.Rendering.Markup;
using OneThing.ContractTemplates.Rendering.Pdf;
using OneThing.ContractTemplates.Templates;
using OneThing.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace OneThing.ContractTemplates.Rendering;

/// <summary>
/// Case data in, PDF out: validates the case, computes the schedule, fills the template (Liquid via Fluid), lays the
/// resulting markup out on A4 pages, draws it with PDFsharp, adds empty signature fields, cuts the embedded font down
/// to the glyphs drawn and fixes every run-dependent byte. Thread-safe; create one and reuse it (it caches glyph widths).
/// </summary>
public sealed class ContractDocumentRenderer
{
    private readonly TemplateCatalog _catalog;
    private readonly ContractCaseValidator _validator = new();
    private readonly RepaymentScheduleCalculator _calculator = new();
    private readonly GlyphWidthCache _widths;
    private readonly DocumentLayouter _layouter;
    private readonly TemplateOptions _templateOptions = new() { StrictVariables = true, StrictFilters = true };
    private readonly bool _compactEmbeddedFonts;

    public ContractDocumentRenderer(TemplateCatalog? catalog = null, ContractRenderingOptions? options = null)
    {
        options ??= new ContractRenderingOptions();
        PdfFonts.EnsureRegistered(options.Font);
        _compactEmbeddedFonts = options.CompactEmbeddedFonts;
        _catalog = catalog ?? TemplateCatalog.LoadEmbedded();
        _widths = new GlyphWidthCache();
        _layouter = new DocumentLayouter(_widths);
    }

    public TemplateCatalog Catalog => _catalog;

    /// <summary>Renders the latest template version of <paramref name="documentKind"/> (one of <see cref="DocumentKinds"/>).</summary>
    /// <exception cref="ContractCaseValidationException">The case has problems; all of them are listed.</exception>
    public RenderedDocument Render(ContractCase contractCase, string documentKind) => Render(contractCase, documentKind, templateVersion: null);

    /// <summary>Renders with a given template version (to reproduce an earlier document), or the latest when null.</summary>
    public RenderedDocument Render(ContractCase contractCase, string documentKind, string? templateVersion)
    {
        var (template, layout) = LayOut(contractCase, documentKind, templateVersion);
        var identity = new DocumentIdentity(
            DocumentId(contractCase, documentKind), contractCase.ContractNumber, template.Title,
            template.Id, template.Version, template.Hash, contractCase.Centre.Name, contractCase.ContractDate);
        var fields = layout.Slots.Select(ToSpec).ToArray();
        var pdf = Write(layout, identity, fields, ContractCaseJson.Serialize(contractCase));
        return new RenderedDocument(documentKind, identity.DocumentId, template.Id, template.Version, template.Hash, pdf, layout.Pages.Count, fields);
    }

    /// <summary>
    /// Everything before drawing: validation, schedule, template filling and pagination. Public so tests and the
    /// benchmark can look at layout alone; <see cref="Render(ContractCase, string, string?)"/> calls it.
    /// </summary>
    public (ContractTemplate Template, LaidOutDocument Layout) LayOut(ContractCase contractCase, string documentKind, string? templateVersion = null)
    {
        ArgumentNullException.ThrowIfNull(contractCase);
        if (!DocumentKinds.All.Contains(documentKind))
            throw new ArgumentException($"unknown document '{documentKind}'; expected one of {string.Join(", ", DocumentKinds.All)}", nameof(documentKind));
        var problems = _validator.Validate(contractCase);
        if (problems.Count > 0) throw new ContractCaseValidationException(problems);

        var template = _catalog.Get(documentKind, templateVersion);
        var loan = contractCase.Loan;
        var schedule = _calculator.Calculate(loan.Method, loan.AmountFen, loan.TermMonths, loan.AnnualRatePercent, loan.FirstRepaymentDate);
        var markup = Fill(template, contractCase, schedule);
        return (template, _layouter.Layout(MarkupParser.Parse(markup), new LayoutInput(contractCase, schedule)));
    }

    /// <summary>Stable document id: contract number plus a per-kind suffix.</summary>
    public static string DocumentId(ContractCase contractCase, string documentKind) => documentKind switch
    {
        DocumentKinds.LoanContract => $"{contractCase.ContractNumber}-JK",
        DocumentKinds.MortgageContract => $"{contractCase.ContractNumber}-DY",
        DocumentKinds.DeductionAuthorization => $"{contractCase.ContractNumber}-KK",
        _ => throw new ArgumentException($"unknown document '{documentKind}'", nameof(documentKind)),
    };

    private string Fill(ContractTemplate template, ContractCase contractCase, RepaymentSchedule schedule)
    {
        var context = new TemplateContext(_templateOptions);
        foreach (var (name, value) in TemplateModelBuilder.Build(contractCase, schedule)) context.SetValue(name, value);
        return template.Body.Render(context, NullEncoder.Default);
    }

    private static SignatureFieldSpec ToSpec(SignatureSlot slot) => new(
        slot.FieldName, slot.Role, slot.PageIndex,
        Math.Round(slot.X, 2),
        Math.Round(PageGeometry.Height - slot.Top - slot.Height, 2),
        Math.Round(slot.Width, 2),
        Math.Round(slot.Height, 2));

    private byte[] Write(LaidOutDocument layout, DocumentIdentity identity, IReadOnlyList<SignatureFieldSpec> fields, string caseFingerprint)
    {
        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(caseFingerprint)));
        using var document = new PdfDocument();
        Draw(document, layout, identity, fields);
        byte[] pdf, seed;
        if (!_compactEmbeddedFonts)
        {
            seed = DeterministicMetadata.Apply(document, identity, fingerprint);
            pdf = Save(document);
        }
        else
        {
            // Font programs only: EmbeddedFontCompaction deflates the program once it holds just the glyphs drawn.
            document.Options.NoCompression = true;
            // The content streams get the default level: ~1.5 ms more per contract for 40 % smaller streams.
            document.Options.FlateEncodeMode = PdfFlateEncodeMode.Default;
            using var drawn = new MemoryStream();
            document.Save(drawn, closeStream: false);
            drawn.Position = 0;
            // PDFsharp 6.2.4 builds a font subset only while saving and has no hook before writing it, so the font
            // is compacted in the saved document re-opened for modification.
            using var reopened = PdfReader.Open(drawn, PdfDocumentOpenMode.Modify, ReadingOwnOutput());
            // A program the compaction leaves whole is deflated as it was before (Draw).
            reopened.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
            EmbeddedFontCompaction.Apply(reopened);
            // Re-opening stamps a new second /ID and the current time as /ModDate: set both again.
            seed = DeterministicMetadata.Apply(reopened, identity, fingerprint);
            pdf = Save(reopened);
        }
        RunIndependentBytes.Apply(pdf, seed);
        return pdf;
    }

    private void Draw(PdfDocument document, LaidOutDocument layout, DocumentIdentity identity, IReadOnlyList<SignatureFieldSpec> fields)
    {
        document.Options.CompressContentStreams = true;
        // The fastest level: deflating PDFsharp's whole-font subset dominated saving (docs/benchmarks.md).
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;
        var drawer = new PageDrawer();
        var decorations = new PageDecorations(_widths, drawer);
        for (var i = 0; i < layout.Pages.Count; i++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageGeometry.Width);
            page.Height = XUnit.FromPoint(PageGeometry.Height);
            using var gfx = XGraphics.FromPdfPage(page);
            drawer.Draw(gfx, layout.Pages[i]);
            decorations.Draw(gfx, i, layout.Pages.Count, identity);
        }
        SignatureFieldWriter.Write(document, fields, layout.Slots.ToDictionary(s => s.FieldName, s => s.Label));
    }

    // The re-opened bytes are PDFsharp's own output: a problem reading them is a bug to surface, not to repair.
    private static PdfReaderOptions ReadingOwnOutput() => new()
    {
        InvalidStreamLength = PdfReaderProblemBehavior.ThrowException,
        ReferenceToUndefinedObject = PdfReaderProblemBehavior.ThrowException,
    };

    private static byte[] Save(PdfDocument document)
    {
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
