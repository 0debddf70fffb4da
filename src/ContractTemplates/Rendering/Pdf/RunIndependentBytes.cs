using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OneThing.ContractTemplates.Rendering.Pdf;

/// <summary>
/// PDFsharp 6.2.4 puts <c>Guid.NewGuid()</c> into two places no API reaches: the six-letter font-subset tag
/// (<c>/ABCDEF+WenQuanYi…</c>) and the XMP <c>xmpMM:DocumentID</c>/<c>InstanceID</c> it generates while saving.
/// This rewrites exactly those bytes, after saving, with values derived from a seed. Replacements have the same
/// length, so object offsets, the xref table and stream lengths stay valid.
/// </summary>
public static partial class RunIndependentBytes
{
    public static void Apply(byte[] pdf, byte[] seed)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in SubsetTag().Matches(text))
        {
            var original = match.Groups[1].Value;
            if (!tags.TryGetValue(original, out var replacement))
            {
                replacement = DerivedTag(seed, tags.Count);
                tags.Add(original, replacement);
            }
            Encoding.ASCII.GetBytes(replacement, pdf.AsSpan(match.Groups[1].Index));
        }

        var uuidIndex = 0;
        foreach (Match match in XmpUuid().Matches(text))
        {
            var uuid = DerivedUuid(seed, uuidIndex++);
            Encoding.ASCII.GetBytes(uuid, pdf.AsSpan(match.Groups[1].Index));
        }
    }

    private static string DerivedTag(byte[] seed, int index)
    {
        var hash = SHA256.HashData([.. seed, (byte)'T', (byte)index]);
        return string.Create(6, hash, static (span, h) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('A' + h[i] % 26);
        });
    }

    private static string DerivedUuid(byte[] seed, int index)
    {
        var hash = SHA256.HashData([.. seed, (byte)'U', (byte)index]);
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    [GeneratedRegex(@"/([A-Z]{6})\+[A-Za-z#0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex SubsetTag();

    [GeneratedRegex(@"<xmpMM:(?:Document|Instance)ID>uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})<", RegexOptions.CultureInvariant)]
    private static partial Regex XmpUuid();
}
