namespace OneThing.Seal.Verification.Revisions;

internal enum ObjectRoleKind
{
    Other,
    Catalog,
    AcroForm,
    FieldsArray,
    Field,
    Widget,
    Appearance,
    SignatureValue,
    Page,
    PageContent,
    PageResource,
    PageAnnots,
    Dss,
    Info,
}

/// <summary>What an existing object is for, which decides which of its changes may be allowed.</summary>
internal sealed record ObjectRole(ObjectRoleKind Kind, string? FieldName = null, bool IsSignatureField = false, bool FieldWasSigned = false, int PageNumber = 0)
{
    public static ObjectRole Other { get; } = new(ObjectRoleKind.Other);

    // The roles that carry nothing but their kind, shared (records are immutable).
    internal static ObjectRole Catalog { get; } = new(ObjectRoleKind.Catalog);
    internal static ObjectRole Info { get; } = new(ObjectRoleKind.Info);
    internal static ObjectRole AcroForm { get; } = new(ObjectRoleKind.AcroForm);
    internal static ObjectRole FieldsArray { get; } = new(ObjectRoleKind.FieldsArray);
    internal static ObjectRole Dss { get; } = new(ObjectRoleKind.Dss);
}
