using System.Text.Json;
using OneThing.ContractTemplates.Rendering;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Rendering;

/// <summary>The empty signature fields, read back with qpdf's JSON view of the AcroForm.</summary>
public sealed class SignatureFieldTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(DocumentKinds.LoanContract)]
    [InlineData(DocumentKinds.MortgageContract)]
    [InlineData(DocumentKinds.DeductionAuthorization)]
    public void Each_party_has_an_empty_printable_signature_field_where_the_spec_says(string kind)
    {
        var document = SharedRenderer.Renderer.Render(Samples.Load(Samples.Couple), kind);

        Assert.Equal(["Borrower", "CoBorrower1", "CentreSeal", "LoanOfficer"], document.SignatureFields.Select(f => f.FieldName));
        Assert.Equal(["borrower", "co-borrower", "centre-seal", "loan-officer"], document.SignatureFields.Select(f => f.Role));

        var (fields, objects) = AcroForm(document.Pdf);
        Assert.Equal(4, fields.Count);
        foreach (var spec in document.SignatureFields)
        {
            var field = fields.Single(f => f.GetProperty("fullname").GetString() == spec.FieldName);
            Assert.Equal("/Sig", field.GetProperty("fieldtype").GetString());
            Assert.Equal(spec.PageIndex + 1, field.GetProperty("pageposfrom1").GetInt32());
            Assert.Equal(JsonValueKind.Null, field.GetProperty("value").ValueKind);
            Assert.Equal(4, field.GetProperty("annotation").GetProperty("annotationflags").GetInt32()); // print
            var widget = objects[field.GetProperty("annotation").GetProperty("object").GetString()!];
            Assert.Equal("/Widget", widget.GetProperty("/Subtype").GetString());
            Assert.False(widget.TryGetProperty("/V", out _), "an unsigned field has no value");
            var rect = widget.GetProperty("/Rect").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.Equal([spec.X, spec.Y, spec.X + spec.Width, spec.Y + spec.Height], rect, (a, b) => Math.Abs(a - b) < 0.011);
            var pageAnnotations = objects[PageObject(objects, spec.PageIndex)].GetProperty("/Annots");
            Assert.Contains(pageAnnotations.EnumerateArray(), a => a.GetString() == field.GetProperty("object").GetString());
        }
    }

    [Fact]
    public void The_seal_field_is_a_42_mm_square_and_applicant_fields_are_60_by_25_mm()
    {
        var fields = SharedRenderer.Renderer.Render(Samples.Load(Samples.Couple), DocumentKinds.LoanContract).SignatureFields;
        const double mm = 72 / 25.4;

        var seal = fields.Single(f => f.FieldName == "CentreSeal");
        Assert.Equal(42 * mm, seal.Width, 0.01);
        Assert.Equal(42 * mm, seal.Height, 0.01);
        Assert.All(fields.Where(f => f.FieldName != "CentreSeal"), f =>
        {
            Assert.Equal(60 * mm, f.Width, 0.01);
            Assert.Equal(25 * mm, f.Height, 0.01);
        });
        Assert.All(fields, f => Assert.True(f.X >= 0 && f.Y >= 0 && f.X + f.Width <= 595.28 && f.Y + f.Height <= 841.89, $"{f.FieldName} lies off the page"));
    }

    [Fact]
    public void A_case_without_co_borrowers_has_no_co_borrower_field()
    {
        var fields = SharedRenderer.Renderer.Render(Samples.Load(Samples.Single), DocumentKinds.LoanContract).SignatureFields;

        Assert.Equal(["Borrower", "CentreSeal", "LoanOfficer"], fields.Select(f => f.FieldName));
    }

    // qpdf's JSON: the AcroForm view (fields, their widgets and pages) plus every object, keyed "33 0 R".
    private (List<JsonElement> Fields, Dictionary<string, JsonElement> Objects) AcroForm(byte[] pdf)
    {
        var path = _temp.Write("fields.pdf", pdf);
        var result = ExternalTool.Run("qpdf", "--json", "--json-key=acroform", "--json-key=pages", "--json-key=qpdf", path);
        Assert.True(result.ExitCode is 0 or 3, result.Error);
        using var json = JsonDocument.Parse(result.Output);
        var acroform = json.RootElement.GetProperty("acroform");
        Assert.True(acroform.GetProperty("hasacroform").GetBoolean());
        var objects = json.RootElement.GetProperty("qpdf")[1].EnumerateObject()
            .Where(o => o.Name.StartsWith("obj:", StringComparison.Ordinal) && o.Value.TryGetProperty("value", out _)) // streams have "stream" instead
            .ToDictionary(o => o.Name["obj:".Length..], o => o.Value.GetProperty("value").Clone());
        var pages = json.RootElement.GetProperty("pages").EnumerateArray().Select(p => p.GetProperty("object").GetString()!).ToArray();
        objects["page-order"] = JsonSerializer.SerializeToElement(pages);
        return (acroform.GetProperty("fields").EnumerateArray().Select(f => f.Clone()).ToList(), objects);
    }

    private static string PageObject(Dictionary<string, JsonElement> objects, int pageIndex) =>
        objects["page-order"][pageIndex].GetString()!;
}
