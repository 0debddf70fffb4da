using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

internal enum ObjectChangeKind
{
    /// <summary>The revision frees an object that existed before.</summary>
    Deleted,

    /// <summary>The revision gives an existing object number another generation.</summary>
    Regenerated,

    /// <summary>The revision writes a different value for an existing object.</summary>
    Modified,
}

/// <summary>
/// One existing object the revision deletes or changes. Only a modified object carries its role in the revision
/// before and both values: a deletion or a new generation is judged by what happened to the object number alone.
/// </summary>
internal readonly record struct ObjectChange(
    int Number,
    ObjectChangeKind Kind,
    int OldGeneration,
    int NewGeneration,
    ObjectRole Role,
    PdfObject? OldValue,
    PdfObject? NewValue)
{
    /// <summary>How the report names the object.</summary>
    public string Name => RevisionContext.Name(Number);
}
