namespace OneThing.Seal.Pdf.Objects;

/// <summary>
/// Written as a fixed-width <c>/ByteRange</c> array to be patched once the file length is known
/// (the serializer records where it was put).
/// </summary>
public sealed class PdfByteRangePlaceholder : PdfObject
{
    /// <summary>Characters reserved between the brackets: room for four 10-digit numbers.</summary>
    public const int Width = 4 * 11;
    public override PdfObject DeepClone() => this;
}

/// <summary>Written as a zero-filled hex string of <see cref="ReservedBytes"/> bytes to be patched with the CMS/token.</summary>
public sealed class PdfContentsPlaceholder(int reservedBytes) : PdfObject
{
    public int ReservedBytes { get; } = reservedBytes;
    public override PdfObject DeepClone() => this;
}

/// <summary>
/// Written as a zero-filled hex string of <see cref="ReservedBytes"/> bytes for a GB/T 38540 SES_Signature
/// carried in the signature dictionary beside /Contents (patched before the CMS is made, so the CMS covers it).
/// </summary>
public sealed class PdfSealSignaturePlaceholder(int reservedBytes) : PdfObject
{
    public int ReservedBytes { get; } = reservedBytes;
    public override PdfObject DeepClone() => this;
}
