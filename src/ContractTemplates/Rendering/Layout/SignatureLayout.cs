using OneThing.ContractTemplates.Cases;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>
/// The signature block: applicants on the left (borrower, then each co-borrower), the centre's seal and the loan
/// officer on the right. Each party gets a labelled, dashed area whose rectangle becomes the signature field.
/// Applicant fields are 60 × 25 mm; the seal field is a 42 mm square for a round seal. The block never splits.
/// </summary>
public sealed class SignatureLayout(LineBreaker breaker)
{
    private const double Mm = PageGeometry.PointsPerMillimetre;
    public const double ApplicantWidth = 60 * Mm;
    public const double ApplicantHeight = 25 * Mm;
    public const double SealSize = 42 * Mm;
    private const double LabelHeight = 16;
    private const double Gap = 10;

    public void Layout(LayoutCursor cursor, ContractCase contractCase, string applicantLabel, string coApplicantLabel, string centreLabel)
    {
        var columnWidth = PageGeometry.ContentWidth / 2 - 6;
        var leftX = PageGeometry.MarginLeft;
        var rightX = PageGeometry.MarginLeft + PageGeometry.ContentWidth / 2 + 6;

        var applicants = new List<(string Field, string Role, string Label)>
        {
            ("Borrower", SignatureRoles.Borrower, $"{applicantLabel}（签字）：{contractCase.Borrower.Name}"),
        };
        for (var i = 0; i < contractCase.CoBorrowers.Count; i++)
        {
            var number = contractCase.CoBorrowers.Count > 1 ? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
            applicants.Add(($"CoBorrower{i + 1}", SignatureRoles.CoBorrower, $"{coApplicantLabel}{number}（签字）：{contractCase.CoBorrowers[i].Name}"));
        }

        var centreLines = breaker.Break($"{centreLabel}（盖章）：{contractCase.Centre.Name}", columnWidth, TextStyle.Body);
        var leftHeight = applicants.Count * (LabelHeight + ApplicantHeight + Gap);
        var rightHeight = centreLines.Count * LabelHeight + SealSize + Gap + LabelHeight + ApplicantHeight + Gap;
        cursor.Y += 10;
        cursor.EnsureSpace(Math.Max(leftHeight, rightHeight));

        var top = cursor.Y;
        var y = top;
        foreach (var (field, role, label) in applicants)
        {
            y = Place(cursor, [label], field, role, leftX, y, ApplicantWidth, ApplicantHeight);
        }

        y = Place(cursor, centreLines, "CentreSeal", SignatureRoles.CentreSeal, rightX, top, SealSize, SealSize);
        Place(cursor, ["经办人（签字）："], "LoanOfficer", SignatureRoles.LoanOfficer, rightX, y, ApplicantWidth, ApplicantHeight);
        cursor.Y = top + Math.Max(leftHeight, rightHeight);
    }

    private static double Place(LayoutCursor cursor, IReadOnlyList<string> labelLines, string field, string role, double x, double y, double width, double height)
    {
        foreach (var line in labelLines)
        {
            cursor.Add(new TextRun(x, y + (LabelHeight - TextStyles.Size(TextStyle.Body)) / 2, line, TextStyle.Body));
            y += LabelHeight;
        }
        cursor.Add(new Frame(x, y, width, height, Dashed: true));
        cursor.AddSlot(new SignatureSlot(field, role, labelLines[0], cursor.PageIndex, x, y, width, height));
        return y + height + Gap;
    }
}
