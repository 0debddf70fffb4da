namespace OneThing.Seal.Verification.Revisions;

public enum ObjectRoleKind
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
    PageAnnots,
    Dss,
    Info,
}

/// <summary>What an existing object is for, which decides which of its changes may be allowed.</summary>
public sealed record ObjectRole(ObjectRoleKind Kind, string? FieldName = null, bool IsSignatureField = false, bool FieldWasSigned = false, int PageNumber = 0)
{
    public static ObjectRole Other { get; } = new(ObjectRoleKind.Other);
}
