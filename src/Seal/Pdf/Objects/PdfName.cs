namespace OneThing.Seal.Pdf.Objects;

/// <summary>A name object; <see cref="Value"/> is the decoded name without the slash (#xx escapes resolved, bytes as Latin-1).</summary>
public sealed class PdfName(string value) : PdfObject, IEquatable<PdfName>
{
    public string Value { get; } = value;
    public override PdfObject DeepClone() => this;
    public bool Equals(PdfName? other) => other is not null && other.Value == Value;
    public override bool Equals(object? obj) => Equals(obj as PdfName);
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => "/" + Value;
}
