using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification.Report;

namespace OneThing.Seal.Tests.Verification;

/// <summary>
/// The published attacks on signed and certified PDFs ("PDF Insecurity": incremental saving, signature wrapping,
/// universal signature forgery; Rohlmann et al., IEEE S&amp;P 2021: Evil Annotation and Sneaky Signature), made with
/// Apache PDFBox or written byte by hand on the product's contract. After the centre's seal only DSS updates and
/// document timestamps may follow; before it, each signature's DocMDP/FieldMDP rules decide (docs/security.md).
/// </summary>
public sealed class PublishedAttackTests(SealedContractFixture contract) : IClassFixture<SealedContractFixture>
{
    private const string NewTerms = "BT /F1 12 Tf 72 760 Td (Loan amount: 9,999,999 yuan) Tj ET";

    [Fact]
    public async Task The_sealed_B_LTA_contract_is_valid_and_its_seal_lock_declares_no_further_change_P1()
    {
        var report = await VerifierHarness.VerifyAsync(contract.Sealed, contract.AnchorsPem);

        Assert.True(report.Verdict == Verdict.Valid, string.Join("; ", report.Problems));
        Assert.All(report.Revisions.Skip(2), r => Assert.Equal(ChangeClass.Allowed, r.Classification));
        var document = PdfDocumentReader.Open(contract.Sealed);
        var seal = SignatureField(document, "CentreSeal");
        Assert.Equal(1, ((PdfInteger)document.Resolve<PdfDictionary>(seal["Lock"])!["P"]!).Value);
    }

    [Fact]
    public async Task Evil_annotation_a_FreeText_over_the_terms_added_by_PDFBox_after_the_seal_is_refused_naming_page_1()
    {
        var attacked = PdfBoxAttack.Apply("free-text", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s => Assert.True(s.IsValid));
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: FreeText annotation added", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_annotation_that_shows_nothing_a_hidden_Square_added_by_PDFBox_after_the_seal_is_refused_too()
    {
        var attacked = PdfBoxAttack.Apply("hidden-square", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: Square annotation added", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sneaky_signature_an_unsigned_visible_signature_field_added_by_PDFBox_after_the_seal_is_refused()
    {
        var attacked = PdfBoxAttack.Apply("visible-signature-field", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.All(report.Signatures, s => Assert.True(s.IsValid));
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed
            && c.Reason.Contains("signature field 'Witness' added although the signatures before it permit no changes (P=1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sneaky_signature_a_visible_signature_PDFBox_signs_after_the_seal_is_refused_for_what_its_revision_changes()
    {
        var attacked = PdfBoxAttack.Apply("signed-visible-signature", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        // The attacker's own signature value is not the point: its revision is refused whatever the signature proves.
        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(ChangeClass.Disallowed, report.Revisions[^1].Classification);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("permit no changes (P=1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_document_timestamp_PDFBox_adds_with_a_visible_widget_after_the_seal_is_refused()
    {
        var attacked = PdfBoxAttack.Apply("visible-document-timestamp", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed
            && c.Reason.Contains("a document timestamp with a visible widget at page 1 [60 745 420 780]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_the_seal_the_form_may_not_ask_viewers_to_redraw_its_widgets_or_change_their_defaults(bool needAppearances)
    {
        var document = PdfDocumentReader.Open(contract.Sealed);
        var writer = new IncrementalUpdateWriter(document);
        var form = document.Resolve<PdfDictionary>(document.Catalog["AcroForm"])!.ShallowClone();
        if (needAppearances)
        {
            form["NeedAppearances"] = PdfBoolean.True;
        }
        else
        {
            form["DA"] = PdfString.FromText("/Helv 30 Tf 1 0 0 rg");
        }
        if (document.Catalog["AcroForm"] is PdfReference formRef)
        {
            writer.Set(formRef, form);
        }
        else
        {
            var catalog = document.Catalog.ShallowClone();
            catalog["AcroForm"] = form;
            writer.Set(document.RootReference, catalog);
        }
        var attacked = writer.Write().ToArray();

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed
            && c.Reason.Contains(needAppearances ? "AcroForm /NeedAppearances set" : "AcroForm /DA changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invisible_signature_field_added_by_PDFBox_after_the_seal_is_refused_as_only_DSS_and_document_timestamps_may_follow()
    {
        var attacked = PdfBoxAttack.Apply("invisible-signature-field", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("signature field 'Witness' added although", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_font_replaced_by_PDFBox_after_the_seal_is_refused_as_a_change_to_page_1s_resources()
    {
        var attacked = PdfBoxAttack.Apply("page-font", contract.Sealed);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: resource changed (dictionary /Font", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shadowing_page_1_redefined_inside_an_object_stream_listed_by_an_xref_stream_is_refused()
    {
        var document = PdfDocumentReader.Open(contract.Sealed);
        var (pageRef, page) = document.GetPages()[0];
        var changed = page.ShallowClone();
        changed["Contents"] = new PdfReference(document.Size, 0);
        var attacked = HandWrittenUpdate.InObjectStream(contract.Sealed, (pageRef, changed), (document.Size, Content(NewTerms)));

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Equal(pageRef, PdfDocumentReader.Open(attacked).GetPages()[0].Reference);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Object == $"object {pageRef.Number}" && c.Reason.Contains("page 1: /Contents changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shadowing_page_1_redefined_only_behind_a_hybrid_files_XRefStm_is_refused()
    {
        var document = PdfDocumentReader.Open(contract.Sealed);
        var (pageRef, page) = document.GetPages()[0];
        var changed = page.ShallowClone();
        changed["Contents"] = new PdfReference(document.Size, 0);
        var attacked = HandWrittenUpdate.BehindXRefStm(contract.Sealed, (document.Size, Content(NewTerms)), (pageRef, changed));

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: /Contents changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incremental_saving_without_an_xref_section_objects_appended_after_the_last_EOF_make_the_document_invalid()
    {
        var document = PdfDocumentReader.Open(contract.Sealed);
        var content = (PdfReference)document.GetPages()[0].Page["Contents"]!;
        var attacked = HandWrittenUpdate.WithoutXref(contract.Sealed, (content, Content(NewTerms)));

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Problems, p => p.Contains("bytes after the last %%EOF belong to no revision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_DSS_only_update_with_a_key_validation_data_does_not_use_is_refused()
    {
        var document = PdfDocumentReader.Open(contract.Sealed);
        var dssRef = (PdfReference)document.Catalog["DSS"]!;
        var dss = document.Resolve<PdfDictionary>(dssRef)!.ShallowClone();
        dss["Notes"] = PdfString.FromText("amended terms");
        var attacked = RawUpdate.Append(contract.Sealed, [(dssRef.Number, dssRef.Generation, dss)]);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason == "the DSS has a key validation data does not use (/Notes)");
    }

    [Fact]
    public async Task Signature_wrapping_an_object_hidden_in_the_seals_unsigned_Contents_gap_is_never_valid()
    {
        // Inside the last signature's gap, after its CMS, where the zero padding is: the signed ranges stay intact,
        // but the signature dictionary no longer parses as the one that was signed (the reader reports it unreadable).
        var attacked = (byte[])contract.Sealed.Clone();
        var (_, end) = Tamper.LastContentsGap(attacked);
        var hidden = Encoding.ASCII.GetBytes(">\n99 0 obj (Loan amount: 9,999,999 yuan) endobj\n<");
        Array.Copy(hidden, 0, attacked, end - 1 - hidden.Length - 2, hidden.Length);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.NotEqual(Verdict.Valid, report.Verdict);
    }

    [Theory]
    [InlineData("no /Contents and no /ByteRange")]
    [InlineData("/ByteRange [0 0 0 0] and an empty /Contents")]
    public async Task Universal_signature_forgery_a_new_signature_without_signed_bytes_is_neither_valid_nor_an_allowed_change(string variant)
    {
        var document = PdfDocumentReader.Open(contract.BorrowerSigned);
        var (pageRef, page) = document.GetPages()[^1];
        var writer = new IncrementalUpdateWriter(document);
        var value = new PdfDictionary { ["Type"] = new PdfName("Sig"), ["Filter"] = new PdfName("Adobe.PPKLite"), ["SubFilter"] = new PdfName("ETSI.CAdES.detached") };
        if (variant.StartsWith("/ByteRange", StringComparison.Ordinal))
        {
            value["ByteRange"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(0), new PdfInteger(0));
            value["Contents"] = new PdfString([]);
        }
        var field = writer.Add(new PdfDictionary
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Widget"),
            ["FT"] = new PdfName("Sig"),
            ["T"] = PdfString.FromText("Forged"),
            ["Rect"] = PdfArray.Of(new PdfInteger(0), new PdfInteger(0), new PdfInteger(0), new PdfInteger(0)),
            ["P"] = pageRef,
            ["V"] = writer.Add(value),
        });
        var changedPage = page.ShallowClone();
        changedPage["Annots"] = new PdfArray([.. document.Resolve<PdfArray>(page["Annots"]) ?? [], field]);
        writer.Set(pageRef, changedPage);
        var attacked = writer.Write().ToArray();

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.False(Assert.Single(report.Signatures, s => s.FieldName == "Forged").IsValid);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("its signature dictionary was not made in this revision", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_seal_a_visible_unsigned_signature_field_added_by_PDFBox_is_refused_by_the_certification()
    {
        var attacked = PdfBoxAttack.Apply("visible-signature-field", contract.BorrowerSigned);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(ChangeClass.Disallowed, report.Revisions[^1].Classification);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed
            && c.Reason.Contains("signature field 'Witness' added with a visible widget at page 1 [60 745 420 780]: it draws on a certified page", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_seal_an_invisible_signature_field_added_by_PDFBox_is_allowed_by_the_certification_P2()
    {
        var attacked = PdfBoxAttack.Apply("invisible-signature-field", contract.BorrowerSigned);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.True(report.Revisions[^1].Classification == ChangeClass.Allowed, string.Join("; ", report.Revisions[^1].Changes.Where(c => !c.Allowed).Select(c => c.Reason)));
        Assert.Contains(report.Revisions[^1].Changes, c => c.Allowed && c.Reason.Contains("signature field 'Witness' added (invisible)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_seal_a_FreeText_annotation_added_by_PDFBox_is_refused_by_the_certification_P2()
    {
        var attacked = PdfBoxAttack.Apply("free-text", contract.BorrowerSigned);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(ChangeClass.Disallowed, report.Revisions[^1].Classification);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Reason.Contains("page 1: FreeText annotation added", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Before_the_seal_the_borrowers_signature_appearance_redrawn_in_place_is_refused()
    {
        var document = PdfDocumentReader.Open(contract.BorrowerSigned);
        var borrower = SignatureField(document, "Borrower");
        var appearance = (PdfReference)document.Resolve<PdfDictionary>(borrower["AP"])!["N"]!;
        var old = (PdfStream)document.GetObject(appearance);
        var attacked = RawUpdate.Append(contract.BorrowerSigned, [(appearance.Number, appearance.Generation, new PdfStream(old.Dictionary.ShallowClone(), Encoding.ASCII.GetBytes("BT /F1 12 Tf 5 5 Td (Declined) Tj ET")))]);

        var report = await VerifierHarness.VerifyAsync(attacked, contract.AnchorsPem);

        Assert.Equal(Verdict.Invalid, report.Verdict);
        Assert.Contains(report.Revisions[^1].Changes, c => !c.Allowed && c.Object == $"object {appearance.Number}"
            && c.Reason.Contains("appearance of signature field 'Borrower' redrawn", StringComparison.Ordinal));
    }

    private static PdfStream Content(string text) => new(new PdfDictionary(), Encoding.ASCII.GetBytes(text));

    private static PdfDictionary SignatureField(PdfDocumentReader document, string name)
    {
        var form = document.Resolve<PdfDictionary>(document.Catalog["AcroForm"])!;
        return document.Resolve<PdfArray>(form["Fields"])!.Select(document.Resolve).OfType<PdfDictionary>()
            .Single(f => document.Resolve<PdfString>(f["T"])?.ToText() == name);
    }
}
