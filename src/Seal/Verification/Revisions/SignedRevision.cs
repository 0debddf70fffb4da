namespace OneThing.Seal.Verification.Revisions;

/// <summary>A signature placed in a revision, with what it permits afterwards.</summary>
public sealed record SignedRevision(string FieldName, int Revision, int? DocMdpPermission, Document.FieldLock? Lock);
