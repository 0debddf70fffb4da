using System.Diagnostics;
using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Revisions;

namespace OneThing.Seal.Tests.Verification;

/// <summary>Updates appended to the product's signed contract that try to pass page or signature changes off as allowed ones.</summary>
public sealed class RevisionAttackTests(SignedContractFixture contract) : IClassFixture<SignedContractFixture>
{
    [Fact]
    public async Task Info_pointed_at_a_page_content_stream_does_not_make_that_stream_freely_changeable()
    {
        var document = PdfDocumentReader.Open(contract.Signed);
        var content = PageOneContent(document);
        var repointed = RawUpdate.Append(contract.Signed,
            [(document.Size, 0, new PdfDictionary { ["Producer"] = PdfString.FromText("x") })],
            trailer => trailer["Info"] = content);
        var attacked = RawUpdate.Append(repointed, [(content.Number, content.Generation, NewContent())]);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains($"/Info now names existing object {content.Number}", StringComparison.Ordinal));
        // The page's content keeps its role whatever the trailer says.
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: content stream changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_DSS_listing_a_page_does_not_make_the_page_freely_changeable()
    {
        var document = PdfDocumentReader.Open(contract.Signed);
        var (pageRef, _) = document.GetPages()[0];
        var writer = new IncrementalUpdateWriter(document);
        var dss = writer.Add(new PdfDictionary { ["Certs"] = PdfArray.Of(pageRef) });
        var catalog = document.Catalog.ShallowClone();
        catalog["DSS"] = dss;
        writer.Set(document.RootReference, catalog);
        var attacked = Tamper.AppendPageContentChange(writer.Write().ToArray());

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains($"the DSS now refers to existing object {pageRef.Number}", StringComparison.Ordinal));
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: /Contents changed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_field_whose_appearance_names_a_page_content_stream_does_not_make_that_stream_freely_changeable()
    {
        var content = PageOneContent(PdfDocumentReader.Open(contract.Signed));
        var withField = AddWidget(contract.Signed, inFields: true, value: null, appearance: content);
        var attacked = PdfDocumentReader.Open(RawUpdate.Append(withField, [(content.Number, content.Generation, NewContent())]));
        // Only the borrower's signature (P=2, no lock): a field appearance may then be updated.
        SignedRevision[] signatures = [new("Borrower", 1, 2, null)];

        var results = new RevisionAnalyzer().Analyze(attacked, signatures, CancellationToken.None);

        Assert.Equal(ChangeClass.Disallowed, results[^1].Classification);
        Assert.Contains(results[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: content stream changed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_page_font_named_by_a_new_field_appearance_stays_a_page_resource(bool asTheAppearance)
    {
        var font = PageOneFont(PdfDocumentReader.Open(contract.Signed));
        // The font as the new field's appearance itself, or only in its appearance's /Resources (as sharing a font legitimately is).
        // The field is invisible (zero-size): after the certification a visible new field is refused for what it draws.
        var withField = asTheAppearance
            ? AddWidget(contract.Signed, inFields: true, value: null, appearance: font, invisible: true)
            : AddWidget(contract.Signed, inFields: true, value: null, resources: new PdfDictionary { ["Font"] = new PdfDictionary { ["F1"] = font } }, invisible: true);
        PdfDictionary courier = new() { ["Type"] = new PdfName("Font"), ["Subtype"] = new PdfName("Type1"), ["BaseFont"] = new PdfName("Courier") };
        var attacked = PdfDocumentReader.Open(RawUpdate.Append(withField, [(font.Number, font.Generation, courier)]));
        // Only the borrower's signature (P=2, no lock): a field appearance may then be updated.
        SignedRevision[] signatures = [new("Borrower", 1, 2, null)];

        var results = new RevisionAnalyzer().Analyze(attacked, signatures, CancellationToken.None);

        // Naming the font changes nothing on the page; replacing it does, whatever the field's appearance says.
        Assert.Equal(ChangeClass.Allowed, results[^2].Classification);
        Assert.Equal(ChangeClass.Disallowed, results[^1].Classification);
        Assert.Contains(results[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: resource changed (dictionary /Font; page content modified)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signature_handwriting_image_named_by_a_new_field_appearance_cannot_be_replaced_as_that_appearance()
    {
        var signed = await new PadesSigner(contract.Pki.NewTimestampAuthority()).SignAsync(TestDocuments.WithSignatureFields(pages: 1), new SignatureRequest
        {
            FieldName = "Borrower",
            Key = contract.Pki.NewSigner("Zhang San"),
            Appearance = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三"),
        }, CancellationToken.None);
        var document = PdfDocumentReader.Open(signed);
        var image = document.Revisions[^1].Entries.Keys.Select(n => new PdfReference(n, 0))
            .First(r => document.GetObject(r) is PdfStream s && s.Dictionary.GetName("Subtype")?.Value == "Image" && s.Dictionary["SMask"] is not null);
        var original = ((PdfStream)document.GetObject(image)).Dictionary;
        var width = ((PdfInteger)document.Resolve(original["Width"])!).Value;
        var height = ((PdfInteger)document.Resolve(original["Height"])!).Value;
        // The handwriting is not a page resource: it is drawn by the borrower's signature appearance.
        var withField = AddWidget(signed, inFields: true, value: null, appearance: image);
        var blank = new PdfStream(new PdfDictionary
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Image"),
            ["Width"] = new PdfInteger(width),
            ["Height"] = new PdfInteger(height),
            ["ColorSpace"] = new PdfName("DeviceRGB"),
            ["BitsPerComponent"] = new PdfInteger(8),
        }, new byte[width * height * 3]);
        var attacked = RawUpdate.Append(withField, [(image.Number, 0, blank)]);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        // Before, the image became 'Guarantor''s appearance and its replacement was 'appearance updated': valid.
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains($"existing object {image.Number} became an appearance of field 'Guarantor', which it was not (stream /XObject)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_generation_of_a_page_content_stream_deletes_it_and_is_refused()
    {
        var document = PdfDocumentReader.Open(contract.Signed);
        var content = PageOneContent(document);
        // The same bytes under the next generation: equal to the old object, yet "N 0 R" now resolves to nothing (a blank page).
        var attacked = RawUpdate.Append(contract.Signed, [(content.Number, content.Generation + 1, document.GetObject(content))]);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains($"object {content.Number} {content.Generation} was replaced by generation {content.Generation + 1}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unsigned_signature_widget_added_only_to_a_page_is_an_annotation_which_P2_does_not_allow()
    {
        var attacked = AddWidget(contract.Signed, inFields: false, value: null);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains("signature widget added that is neither a field of the form (/Fields) nor signed in this revision", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false, "signature widget added that is neither a field of the form (/Fields) nor signed in this revision")]
    [InlineData(true, "signature widget added although the signatures before it permit no changes (P=1)")]
    public void Under_P1_a_new_signature_widget_on_a_page_is_refused(bool inFields, string reason)
    {
        // The product only certifies with P=2, so the analyzer is told the first signature certified with P=1.
        var attacked = PdfDocumentReader.Open(AddWidget(contract.Signed, inFields, value: null));
        SignedRevision[] signatures = [new("Borrower", 1, 1, null)];

        var results = new RevisionAnalyzer().Analyze(attacked, signatures, CancellationToken.None);

        Assert.Equal(ChangeClass.Disallowed, results[^1].Classification);
        Assert.Contains(results[^1].Changes, c => !c.Allowed && c.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_field_whose_value_is_an_earlier_signature_is_refused_and_not_reported_as_a_second_signature()
    {
        var borrowerSignature = BorrowerSignature();
        var attacked = AddWidget(contract.Signed, inFields: true, value: _ => borrowerSignature);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains("('Borrower', 'Guarantor'); a signature belongs to one field only", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains($"signature field 'Guarantor' added: its value (/V) is existing object {borrowerSignature.Number}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_field_whose_value_is_a_copy_of_an_earlier_signature_is_refused()
    {
        var copy = PdfDocumentReader.Open(contract.Signed).GetObject(BorrowerSignature()).DeepClone();
        var attacked = AddWidget(contract.Signed, inFields: true, value: writer => writer.Add(copy));

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains("signature field 'Guarantor' added: its signature dictionary was not made in this revision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_huge_field_list_changed_after_signing_is_compared_in_linear_time()
    {
        const int count = 40_000;
        var document = PdfDocumentReader.Open(contract.Signed);
        var writer = new IncrementalUpdateWriter(document);
        PdfArray fields = [];
        PdfReference list = null!;
        SetFields(writer, document, old =>
        {
            fields = old;
            list = writer.Add(new PdfArray(old.Concat(Enumerable.Range(1, count).Select(i => (PdfObject)new PdfInteger(i)))));
            return list;
        });
        var grown = writer.Write().ToArray();
        writer = new IncrementalUpdateWriter(PdfDocumentReader.Open(grown));
        writer.Set(list, new PdfArray(fields.Concat(Enumerable.Range(1, count).Select(i => (PdfObject)new PdfInteger(-i)))));
        var attacked = writer.Write().ToArray();

        var clock = Stopwatch.StartNew();
        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        // Comparing each list with the other item by item took minutes, past the verification budget.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason == $"{count} form field(s) removed");
    }

    private static PdfReference PageOneContent(PdfDocumentReader document) =>
        (PdfReference)document.GetPages()[0].Page["Contents"]!;

    private static PdfReference PageOneFont(PdfDocumentReader document)
    {
        var resources = document.Resolve<PdfDictionary>(document.GetPages()[0].Page["Resources"])!;
        return (PdfReference)document.Resolve<PdfDictionary>(resources["Font"])!["F1"]!;
    }

    private static PdfStream NewContent() =>
        new(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 760 Td (Loan amount: 9,999,999 yuan) Tj ET"));

    /// <summary>Replaces the form's /Fields (the array object, or the direct array in the form dictionary wherever that is).</summary>
    private static void SetFields(IncrementalUpdateWriter writer, PdfDocumentReader document, Func<PdfArray, PdfObject> change)
    {
        var catalog = document.Catalog;
        var form = document.Resolve<PdfDictionary>(catalog["AcroForm"])!;
        if (form["Fields"] is PdfReference fieldsRef)
        {
            writer.Set(fieldsRef, change(document.Resolve<PdfArray>(fieldsRef)!));
            return;
        }
        var changedForm = form.ShallowClone();
        changedForm["Fields"] = change((PdfArray)form["Fields"]!);
        if (catalog["AcroForm"] is PdfReference formRef)
        {
            writer.Set(formRef, changedForm);
        }
        else
        {
            var changedCatalog = catalog.ShallowClone();
            changedCatalog["AcroForm"] = changedForm;
            writer.Set(document.RootReference, changedCatalog);
        }
    }

    private PdfReference BorrowerSignature()
    {
        var document = PdfDocumentReader.Open(contract.Signed);
        var fields = document.Resolve<PdfArray>(document.Resolve<PdfDictionary>(document.Catalog["AcroForm"])!["Fields"])!;
        return fields.OfType<PdfReference>()
            .Select(f => (PdfDictionary)document.GetObject(f))
            .Where(f => document.Resolve<PdfString>(f["T"])?.ToText() == "Borrower")
            .Select(f => (PdfReference)f["V"]!)
            .Single();
    }

    /// <summary>Appends a signature widget 'Guarantor' (visible unless <paramref name="invisible"/>; its own appearance, with <paramref name="resources"/>, unless one is given) to page 1's /Annots and, when <paramref name="inFields"/>, to the form's /Fields.</summary>
    private static byte[] AddWidget(byte[] pdf, bool inFields, Func<IncrementalUpdateWriter, PdfReference>? value, PdfReference? appearance = null, PdfDictionary? resources = null, bool invisible = false)
    {
        var document = PdfDocumentReader.Open(pdf);
        var (pageRef, page) = document.GetPages()[0];
        var writer = new IncrementalUpdateWriter(document);
        if (appearance is null)
        {
            var form = new PdfDictionary
            {
                ["Type"] = new PdfName("XObject"),
                ["Subtype"] = new PdfName("Form"),
                ["BBox"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(200), new PdfInteger(50)),
            };
            if (resources is not null)
            {
                form["Resources"] = resources;
            }
            appearance = writer.Add(new PdfStream(form, Encoding.ASCII.GetBytes("BT /Helv 12 Tf 5 20 Td (Guarantor: approved) Tj ET")));
        }
        var widget = new PdfDictionary
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Widget"),
            ["FT"] = new PdfName("Sig"),
            ["T"] = PdfString.FromText("Guarantor"),
            ["F"] = new PdfInteger(4),
            ["Rect"] = invisible
                ? PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(0), new PdfInteger(0))
                : PdfArray.Of(new PdfInteger(300), new PdfInteger(100), new PdfInteger(500), new PdfInteger(150)),
            ["P"] = pageRef,
            ["AP"] = new PdfDictionary { ["N"] = appearance },
        };
        if (value is not null)
        {
            widget["V"] = value(writer);
        }
        var widgetRef = writer.Add(widget);
        if (page["Annots"] is PdfReference annotsRef)
        {
            writer.Set(annotsRef, new PdfArray([.. document.Resolve<PdfArray>(annotsRef)!, widgetRef]));
        }
        else
        {
            var changedPage = page.ShallowClone();
            changedPage["Annots"] = new PdfArray([.. document.Resolve<PdfArray>(page["Annots"]) ?? [], widgetRef]);
            writer.Set(pageRef, changedPage);
        }
        if (inFields)
        {
            SetFields(writer, document, old => new PdfArray([.. old, widgetRef]));
        }
        return writer.Write().ToArray();
    }
}
