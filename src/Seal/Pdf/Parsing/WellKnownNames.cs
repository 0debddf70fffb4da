using System.Collections.Frozen;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Parsing;

/// <summary>
/// One shared (immutable) <see cref="PdfName"/> for each name that fills page trees, forms, fonts and
/// signatures, so parsing a document does not allocate a string and a name object per key.
/// </summary>
internal static class WellKnownNames
{
    private const int MaxLength = 32;

    private static readonly FrozenDictionary<string, PdfName> Names = new[]
    {
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
    }.ToFrozenDictionary(n => n, n => new PdfName(n), StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, PdfName>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The shared name for these (Latin-1) bytes, or null when it is not a well-known name.</summary>
    public static PdfName? Find(ReadOnlySpan<byte> latin1)
    {
        if (latin1.Length > MaxLength)
        {
            return null;
        }
        Span<char> chars = stackalloc char[MaxLength];
        for (var i = 0; i < latin1.Length; i++)
        {
            chars[i] = (char)latin1[i];
        }
        return Lookup.TryGetValue(chars[..latin1.Length], out var name) ? name : null;
    }
}
