using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Parsing;

/// <summary>
/// One shared (immutable) <see cref="PdfName"/> for each name that fills page trees, forms, fonts and
/// signatures, so parsing a document does not allocate a string and a name object per key.
/// </summary>
internal static class WellKnownNames
{
    private const int MaxLength = 32;

    private static readonly string[] Names =
    [
        "Type", "Subtype", "Catalog", "Pages", "Page", "Kids", "Count", "Parent", "Resources", "Contents", "MediaBox",
        "CropBox", "Annots", "Rotate", "Font", "XObject", "ProcSet", "ExtGState", "Length", "Filter", "FlateDecode",
        "DecodeParms", "Predictor", "Columns", "Widget", "Annot", "FT", "Sig", "T", "V", "AP", "AS", "N", "D", "R", "Rect",
        "F", "P", "Ff", "DA", "MK", "DR", "Fields", "AcroForm", "SigFlags", "NeedAppearances", "Root", "Info", "Size",
        "Prev", "ID", "ByteRange", "SubFilter", "ETSI.CAdES.detached", "ETSI.RFC3161", "adbe.pkcs7.detached",
        "Adobe.PPKLite", "DocTimeStamp", "M", "Name", "Reason", "Location", "ContactInfo", "Reference", "TransformMethod",
        "TransformParams", "DocMDP", "FieldMDP", "Action", "All", "Include", "Exclude", "Lock", "Perms", "DSS", "Certs",
        "OCSPs", "CRLs", "VRI", "Extensions", "ADBE", "ESIC", "BaseVersion", "ExtensionLevel", "Metadata", "Producer",
        "Creator", "CreationDate", "ModDate", "Title", "BaseFont", "Encoding", "Identity-H", "DescendantFonts",
        "FontDescriptor", "ToUnicode", "CIDFontType2", "Type0", "TrueType", "CIDSystemInfo", "CIDToGIDMap", "Identity",
        "W", "DW", "FontFile2", "FontBBox", "Flags", "ItalicAngle", "Ascent", "Descent", "CapHeight", "StemV", "FontName",
        "Registry", "Ordering", "Supplement", "BBox", "Form", "Matrix", "Image", "Width", "Height", "ColorSpace",
        "BitsPerComponent", "DeviceRGB", "DeviceGray", "SMask", "Border", "H", "PDF", "Text", "ImageB", "ImageC", "ImageI",
        "Group", "S", "Transparency", "CS", "ObjStm", "First", "XRef", "Index", "Encrypt", "Off", "Yes", "Trapped",
        "WinAnsiEncoding", "Helvetica", "Interpolate", "Decode", "Mask", "Q", "MaxLen", "Opt", "TU", "TM", "Tx", "Btn", "Ch",
        // Resource names producers (PDFsharp among them) give graphics states, fonts, images and forms on every page.
        "GS0", "GS1", "GS2", "F0", "F1", "F2", "F3", "Im0", "Im1", "Fm0", "Fm1", "ca", "CA",
        "SigRef", "SigFieldLock", "Author", "Subject", "Keywords", "XHeight", "Length1", "XML",
    ];

    /// <summary>The names bucketed by length and first byte: a lookup compares a few candidates' bytes, with no hashing or char conversion.</summary>
    private static readonly (byte[] Bytes, PdfName Name)[]?[] Buckets = BuildBuckets();

    /// <summary>The shared name for these (Latin-1) bytes, or null when it is not a well-known name.</summary>
    public static PdfName? Find(ReadOnlySpan<byte> latin1)
    {
        if (latin1.IsEmpty || latin1.Length > MaxLength || latin1[0] >= 0x80)
        {
            return null;
        }
        foreach (var (bytes, name) in Buckets[Bucket(latin1.Length, latin1[0])] ?? [])
        {
            if (latin1.SequenceEqual(bytes))
            {
                return name;
            }
        }
        return null;
    }

    private static int Bucket(int length, byte first) => length * 128 + first;

    private static (byte[] Bytes, PdfName Name)[]?[] BuildBuckets()
    {
        var buckets = new (byte[] Bytes, PdfName Name)[]?[(MaxLength + 1) * 128];
        foreach (var name in Names)
        {
            var bytes = System.Text.Encoding.ASCII.GetBytes(name);
            ref var bucket = ref buckets[Bucket(bytes.Length, bytes[0])];
            bucket = [.. bucket ?? [], (bytes, new PdfName(name))];
        }
        return buckets;
    }
}
