using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;

namespace OneThing.Seal.Signing.Fields;

/// <summary>Picks the field a signature goes into; a missing or ambiguous name is the caller's mistake, so it is a <see cref="SigningException"/>.</summary>
internal static class FieldToSign
{
    /// <summary>The unsigned signature field named <paramref name="name"/> (fully qualified, or its last part when unique).</summary>
    public static SignatureField Find(PdfDocumentReader document, string name)
    {
        var all = SignatureFieldLocator.FindAll(document);
        var matches = all.Where(f => f.FullName == name).ToList();
        if (matches.Count == 0)
        {
            matches = all.Where(f => f.FullName.Split('.')[^1] == name).ToList();
        }
        return matches.Count switch
        {
            0 => throw new SigningException($"the document has no signature field named '{name}' (fields: {string.Join(", ", all.Select(f => f.FullName))})"),
            > 1 => throw new SigningException($"the signature field name '{name}' is ambiguous"),
            _ => matches[0],
        };
    }
}
