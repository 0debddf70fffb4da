using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>What the form-field and annotation rules ask of a field or widget in the revision after: its type and its signature value.</summary>
internal static class SignatureValues
{
    /// <summary>
    /// Why the /V a field gets in this revision is not a signature made in it, or null when it is (or there is none).
    /// A signature dictionary belongs to the one field it was made for: given to another field it would be reported
    /// twice, as a valid signature by a signer who never signed that field.
    /// </summary>
    public static string? Refusal(RevisionContext context, PdfObject? value)
    {
        if (value is null)
        {
            return null;
        }
        if (value is PdfReference r && context.ExistedBefore(r))
        {
            return $"its value (/V) is existing object {r.Number}, a signature dictionary made for another revision";
        }
        var after = context.After;
        if (after.Resolve<PdfDictionary>(value) is not { } dictionary)
        {
            return "its value (/V) is not a signature dictionary";
        }
        var revision = context.Revision;
        var end = after.Resolve<PdfArray>(dictionary["ByteRange"]) is { Count: 4 } br
            && after.Resolve(br[2]) is PdfInteger offset && after.Resolve(br[3]) is PdfInteger length ? offset.Value + length.Value : -1;
        var span = after.Data.Span;
        // The signature made in this revision covers the file up to this revision's %%EOF (and perhaps its end-of-line).
        var coversThisRevision = end <= revision.EndOffset && end >= revision.EndOffset - 2 && end <= span.Length
            && span[(int)end..(int)revision.EndOffset].IndexOfAnyExcept("\r\n"u8) < 0;
        return coversThisRevision ? null : $"its signature dictionary was not made in this revision (/ByteRange ends at {end}, the revision at {revision.EndOffset})";
    }

    /// <summary>A widget's signature value: its own /V or, for a widget below a field, the field's.</summary>
    public static PdfObject? FieldValue(RevisionContext context, PdfDictionary widget) =>
        widget["V"] ?? context.After.Resolve<PdfDictionary>(widget["Parent"])?["V"];

    /// <summary>The field type (/FT) of a field or widget, inherited from its parents (at most 32 levels up, against cycles).</summary>
    public static string? FieldType(RevisionContext context, PdfDictionary field)
    {
        var node = field;
        for (var depth = 0; depth < 32 && node is not null; depth++)
        {
            if (node.GetName("FT")?.Value is { } type)
            {
                return type;
            }
            node = context.After.Resolve<PdfDictionary>(node["Parent"]);
        }
        return null;
    }
}
