namespace OneThing.ContractTemplates.Rendering;

/// <summary>
/// An empty signature field the rendered PDF carries. Coordinates are PDF user-space points with the origin at
/// the bottom-left of the page; <paramref name="PageIndex"/> is 0-based. <paramref name="FieldName"/> is
/// <c>Borrower</c>, <c>CoBorrower1</c>, <c>CoBorrower2</c>…, <c>LoanOfficer</c> or <c>CentreSeal</c>;
/// <paramref name="Role"/> is one of <see cref="SignatureRoles"/>.
/// </summary>
public sealed record SignatureFieldSpec(string FieldName, string Role, int PageIndex, double X, double Y, double Width, double Height);
