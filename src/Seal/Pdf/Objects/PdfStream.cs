namespace OneThing.Seal.Pdf.Objects;

/// <summary>
/// A stream: its dictionary and its data exactly as stored (still encoded by its /Filter). Use
/// <see cref="Filters.StreamDecoder"/> for the decoded bytes. /Length is rewritten on output.
/// </summary>
public sealed class PdfStream(PdfDictionary dictionary, ReadOnlyMemory<byte> encodedData) : PdfObject
{
    public PdfDictionary Dictionary { get; } = dictionary;
    public ReadOnlyMemory<byte> EncodedData { get; } = encodedData;

    public override PdfObject DeepClone() => new PdfStream((PdfDictionary)Dictionary.DeepClone(), EncodedData);
}
