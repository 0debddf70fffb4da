using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Signing.Fields;

/// <summary>
/// What the signatures already in a document allow (DocMDP of the certifying signature, /Lock of
/// signed fields), checked before adding a signature so that no earlier signature is invalidated.
/// </summary>
internal sealed record ModificationPermissions(bool IsCertified, int? DocMdpPermission, bool HasSignatures)
{
    public static ModificationPermissions Inspect(PdfDocumentReader document, IReadOnlyList<SignatureField> fields)
    {
        int? p = null;
        var certified = false;
        if (document.Resolve<PdfDictionary>(document.Catalog["Perms"]) is { } perms && perms["DocMDP"] is not null)
        {
            certified = true;
            p = 2;
            if (document.Resolve<PdfDictionary>(perms["DocMDP"]) is { } sig && document.Resolve<PdfArray>(sig["Reference"]) is { } refs)
            {
                foreach (var r in refs.Select(document.Resolve).OfType<PdfDictionary>())
                {
                    if (r.GetName("TransformMethod")?.Value == "DocMDP"
                        && document.Resolve<PdfDictionary>(r["TransformParams"])?["P"] is PdfInteger pi)
                    {
                        p = (int)pi.Value;
                    }
                }
            }
        }
        return new ModificationPermissions(certified, p, fields.Any(f => f.IsSigned));
    }

    /// <summary>Throws when signing <paramref name="target"/> would break an earlier signature's permissions.</summary>
    public void EnsureMaySign(PdfDocumentReader document, IReadOnlyList<SignatureField> fields, SignatureField target)
    {
        if (target.IsSigned)
        {
            throw new SigningException($"signature field '{target.FullName}' is already signed");
        }
        if (DocMdpPermission == 1)
        {
            throw new SigningException("the document is certified with no changes permitted (DocMDP P=1)");
        }
        foreach (var signed in fields.Where(f => f.IsSigned))
        {
            if (document.Resolve<PdfDictionary>(signed.Field["Lock"]) is not { } lockDict)
            {
                continue;
            }
            var action = lockDict.GetName("Action")?.Value;
            var listed = document.Resolve<PdfArray>(lockDict["Fields"])?.Select(document.Resolve).OfType<PdfString>().Select(s => s.ToText()).ToHashSet() ?? [];
            var locked = action switch
            {
                "All" => true,
                "Include" => listed.Contains(target.FullName),
                "Exclude" => !listed.Contains(target.FullName),
                _ => false,
            };
            if (locked)
            {
                throw new SigningException($"field '{target.FullName}' is locked by the signature in '{signed.FullName}'");
            }
        }
    }

    /// <summary>True when the new signature should certify the document.</summary>
    public bool ShouldCertify(bool requested) => requested && !IsCertified && !HasSignatures;
}
