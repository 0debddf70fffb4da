using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Signing.Appearances.Fonts;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// Turns the first page of a standalone PDF (drawn with PDFsharp, which embeds CJK font subsets
/// and image soft masks) into a Form XObject of another document's incremental update: the page's
/// content becomes the form's stream and its resources are deep-copied under new object numbers.
/// The source is written uncompressed (cheap to produce); the copy deflates every stream, after the
/// CJK font programs were cut down to the glyphs drawn (<see cref="CidFontCompaction"/>).
/// </summary>
internal static class FormXObjectImporter
{
    private const int MaxCopiedObjects = 10_000;

    public static PdfReference Import(ReadOnlyMemory<byte> sourcePdf, IncrementalUpdateWriter target)
    {
        var source = PdfDocumentReader.Open(sourcePdf);
        var pages = source.GetPages();
        if (pages.Count == 0)
        {
            throw new SigningException("appearance PDF has no page");
        }
        var page = pages[0].Page;
        var box = source.Resolve<PdfArray>(page["MediaBox"]) ?? throw new SigningException("appearance page has no /MediaBox");
        var copier = new ObjectCopier(source, target);
        foreach (var plan in CidFontCompaction.For(source, page["Resources"]))
        {
            var map = target.Add(Deflated(new PdfDictionary(), plan.CidToGidMap));
            plan.CidFontReplacement["CIDToGIDMap"] = copier.StandIn(map);
            copier.Substitute(plan.CidFont, plan.CidFontReplacement);
            copier.Substitute(plan.FontFile, Deflated(new PdfDictionary { ["Length1"] = new PdfInteger(plan.CompactedFont.Length) }, plan.CompactedFont));
        }
        var form = new PdfDictionary
        {
            ["Type"] = new PdfName("XObject"),
            ["Subtype"] = new PdfName("Form"),
            ["BBox"] = copier.Copy(box),
            ["Resources"] = copier.Copy(source.Resolve(page["Resources"]) ?? new PdfDictionary()),
        };
        ReadOnlyMemory<byte> data;
        switch (source.Resolve(page["Contents"]))
        {
            case PdfStream single:
                data = single.EncodedData;
                if (single.Dictionary["Filter"] is { } filter)
                {
                    form["Filter"] = copier.Copy(filter);
                    if (single.Dictionary["DecodeParms"] is { } parms)
                    {
                        form["DecodeParms"] = copier.Copy(parms);
                    }
                }
                else
                {
                    data = FlateDecoder.Encode(data.Span);
                    form["Filter"] = new PdfName("FlateDecode");
                }
                break;
            case PdfArray parts:
                using (var all = new MemoryStream())
                {
                    foreach (var part in parts.Select(source.Resolve).OfType<PdfStream>())
                    {
                        all.Write(source.DecodeStream(part));
                        all.WriteByte((byte)'\n');
                    }
                    data = FlateDecoder.Encode(all.ToArray());
                    form["Filter"] = new PdfName("FlateDecode");
                }
                break;
            default:
                data = ReadOnlyMemory<byte>.Empty;
                break;
        }
        return target.Add(new PdfStream(form, data));
    }

    /// <summary>A stream of <paramref name="data"/>, deflated, with <paramref name="dictionary"/> naming the filter.</summary>
    private static PdfStream Deflated(PdfDictionary dictionary, ReadOnlySpan<byte> data)
    {
        dictionary["Filter"] = new PdfName("FlateDecode");
        return new PdfStream(dictionary, FlateDecoder.Encode(data));
    }

    /// <summary>Deep copy across documents, renumbering indirect objects once each (cycles such as /Parent are safe).</summary>
    private sealed class ObjectCopier(PdfDocumentReader source, IncrementalUpdateWriter target)
    {
        private readonly Dictionary<PdfReference, PdfReference> _map = [];
        private readonly Dictionary<PdfReference, PdfObject> _substitutes = [];
        private int _standIns;

        public PdfObject Copy(PdfObject value) => Copy(value, 0);

        /// <summary>Copies <paramref name="replacement"/> wherever the source refers to <paramref name="reference"/>.</summary>
        public void Substitute(PdfReference reference, PdfObject replacement) => _substitutes[reference] = replacement;

        /// <summary>
        /// A source-side reference (numbered past any real source object) that copies to
        /// <paramref name="alreadyInTarget"/>, for putting target objects into substituted source objects.
        /// </summary>
        public PdfReference StandIn(PdfReference alreadyInTarget)
        {
            var standIn = new PdfReference(int.MaxValue - _standIns++, 0);
            _map[standIn] = alreadyInTarget;
            return standIn;
        }

        private PdfObject Copy(PdfObject value, int depth)
        {
            if (depth > source.Limits.MaxNestingDepth)
            {
                throw new SigningException("appearance resources nested too deeply");
            }
            switch (value)
            {
                case PdfReference r:
                    if (_map.TryGetValue(r, out var mapped))
                    {
                        return mapped;
                    }
                    if (_map.Count > MaxCopiedObjects)
                    {
                        throw new SigningException("appearance resources too large");
                    }
                    var reserved = target.Reserve();
                    _map[r] = reserved;
                    target.Set(reserved, Copy(_substitutes.TryGetValue(r, out var substitute) ? substitute : source.GetObject(r), depth + 1));
                    return reserved;
                case PdfArray a:
                    return new PdfArray(a.Select(item => Copy(item, depth + 1)));
                case PdfDictionary d:
                    var copy = new PdfDictionary();
                    foreach (var (k, v) in d)
                    {
                        // A page's parent link would drag the whole source page tree along.
                        if (k != "Parent")
                        {
                            copy[k] = Copy(v, depth + 1);
                        }
                    }
                    return copy;
                case PdfStream s:
                    var dictionary = (PdfDictionary)Copy(s.Dictionary, depth + 1);
                    return dictionary["Filter"] is null ? Deflated(dictionary, s.EncodedData.Span) : new PdfStream(dictionary, s.EncodedData);
                default:
                    return value;
            }
        }
    }
}
