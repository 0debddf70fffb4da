namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>Where the layout reserved a signature field, in top-left page coordinates.</summary>
public sealed record SignatureSlot(string FieldName, string Role, string Label, int PageIndex, double X, double Top, double Width, double Height);
