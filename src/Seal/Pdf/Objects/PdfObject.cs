namespace OneThing.Seal.Pdf.Objects;

/// <summary>Base of the PDF object model (ISO 32000-1 §7.3). Objects read from a file are shared: treat them as read-only and clone before changing.</summary>
public abstract class PdfObject
{
    /// <summary>A copy deep enough that changing it never changes the original (streams share their immutable data).</summary>
    public abstract PdfObject DeepClone();
}

public sealed class PdfNull : PdfObject
{
    public static PdfNull Instance { get; } = new();
    private PdfNull() { }
    public override PdfObject DeepClone() => this;
    public override string ToString() => "null";
}

public sealed class PdfBoolean : PdfObject
{
    public static PdfBoolean True { get; } = new(true);
    public static PdfBoolean False { get; } = new(false);
    public bool Value { get; }
    private PdfBoolean(bool value) => Value = value;
    public static PdfBoolean Of(bool value) => value ? True : False;
    public override PdfObject DeepClone() => this;
    public override string ToString() => Value ? "true" : "false";
}

public sealed class PdfInteger(long value) : PdfObject
{
    /// <summary>The integers files repeat most (lengths, flags, coordinates, generation numbers), made once: they are immutable.</summary>
    private static readonly PdfInteger[] Small = [.. Enumerable.Range(0, 1024).Select(i => new PdfInteger(i))];

    public long Value { get; } = value;

    /// <summary>An integer object, shared for small non-negative values.</summary>
    public static PdfInteger Of(long value) => (ulong)value < (ulong)Small.Length ? Small[value] : new PdfInteger(value);
    public override PdfObject DeepClone() => this;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class PdfReal(double value) : PdfObject
{
    public double Value { get; } = value;
    public override PdfObject DeepClone() => this;
    public override string ToString() => Value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An indirect reference <c>n g R</c>.</summary>
public sealed class PdfReference(int number, int generation) : PdfObject, IEquatable<PdfReference>
{
    public int Number { get; } = number;
    public int Generation { get; } = generation;
    public override PdfObject DeepClone() => this;
    public bool Equals(PdfReference? other) => other is not null && other.Number == Number && other.Generation == Generation;
    public override bool Equals(object? obj) => Equals(obj as PdfReference);
    public override int GetHashCode() => HashCode.Combine(Number, Generation);
    public override string ToString() => $"{Number} {Generation} R";
}
