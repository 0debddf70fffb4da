using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// Long-term validation data: the document security store (DSS), which any revision may extend, and document
/// timestamps, which may be added even where the certification permits no other change.
/// </summary>
internal sealed class DssRule : IRevisionRule
{
    /// <summary>The DSS may change freely, so it may only hold its own objects and new validation data streams (for the same reason as /Info).</summary>
    public void CheckRevision(RevisionContext context)
    {
        var dss = context.After.Catalog["DSS"];
        if (dss is null)
        {
            return;
        }
        CheckKeys(context, dss);
        foreach (var (reference, isData) in ObjectRoleMap.DssReferences(context.After, dss))
        {
            if (context.ExistedBefore(reference))
            {
                if (context.BeforeRoles[reference.Number].Kind != ObjectRoleKind.Dss)
                {
                    context.Disallow("DSS", $"the DSS now refers to existing object {reference.Number}, which is not validation data ({RevisionContext.Describe(context.Before.GetObject(reference))})");
                }
            }
            else if (isData && context.After.GetObject(reference) is not PdfStream)
            {
                context.Disallow("DSS", $"DSS entry object {reference.Number} is not a certificate, OCSP response or CRL stream");
            }
        }
    }

    private static readonly HashSet<string> DssKeys = ["Type", "VRI", "Certs", "OCSPs", "CRLs"];
    private static readonly HashSet<string> VriEntryKeys = ["Type", "TU", "TS", "Cert", "OCSP", "CRL"];

    /// <summary>
    /// A DSS update may only carry the keys ISO 32000-2 §12.8.4.3–4 defines (as pyHanko's DSS rule requires): what a
    /// viewer or another validator might make of any other key is unknown, and "DSS only" must mean validation data only.
    /// </summary>
    private static void CheckKeys(RevisionContext context, PdfObject dssValue)
    {
        var before = context.Before.Resolve<PdfDictionary>(context.Before.Catalog["DSS"]);
        if (context.After.Resolve<PdfDictionary>(dssValue) is not { } dss || PdfObjectEquality.AreEqual(before, dss))
        {
            return;
        }
        foreach (var (key, _) in dss)
        {
            if (!DssKeys.Contains(key))
            {
                context.Disallow("DSS", $"the DSS has a key validation data does not use (/{key})");
            }
        }
        foreach (var (hash, entry) in context.After.Resolve<PdfDictionary>(dss["VRI"]) ?? new PdfDictionary())
        {
            foreach (var (key, _) in context.After.Resolve<PdfDictionary>(entry) ?? new PdfDictionary())
            {
                if (!VriEntryKeys.Contains(key))
                {
                    context.Disallow("DSS", $"the DSS /VRI entry {hash} has a key validation data does not use (/{key})");
                }
            }
        }
    }

    public bool CheckObject(RevisionContext context, ObjectChange change)
    {
        if (change.Role.Kind != ObjectRoleKind.Dss)
        {
            return false;
        }
        context.Allow(change.Name, "document security store (DSS) updated");
        return true;
    }

    /// <summary>Whether a field's value <paramref name="value"/> is a document timestamp (/Type /DocTimeStamp).</summary>
    public static bool IsDocumentTimestamp(PdfDocumentReader document, PdfObject? value) =>
        document.Resolve<PdfDictionary>(value)?.GetName("Type")?.Value == "DocTimeStamp";
}
