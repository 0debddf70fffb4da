using System.Text;

namespace OneThing.Seal.Pdf.Objects;

/// <summary>A string object: raw bytes, remembering whether it was written in hex.</summary>
/// <remarks>
/// A long hex string read from a file (a signature's /Contents: tens of KB, half of it zero padding) keeps
/// its digits and decodes them on first use of <see cref="Bytes"/>: the verifier compares the digits with
/// the signed range's gap and decodes only the CMS at their start (<see cref="HexDigits"/>).
/// </remarks>
public sealed class PdfString : PdfObject
{
    private byte[]? _bytes;
    private readonly ReadOnlyMemory<byte> _hexDigits;

    public PdfString(byte[] bytes, bool isHex = false)
    {
        _bytes = bytes;
        IsHex = isHex;
    }

    private PdfString(ReadOnlyMemory<byte> hexDigits)
    {
        _hexDigits = hexDigits;
        IsHex = true;
    }

    /// <summary>A hex string decoded on first use; <paramref name="digits"/> must be an even number of hex digits and nothing else.</summary>
    internal static PdfString FromHexDigits(ReadOnlyMemory<byte> digits) => new(digits);

    /// <summary>The decoded bytes (shared: do not modify).</summary>
    public byte[] Bytes
    {
        get
        {
            if (_bytes is { } bytes)
            {
                return bytes;
            }
            // Objects are shared between threads: a race decodes twice, to the same bytes, and keeps one.
            var decoded = GC.AllocateUninitializedArray<byte>(_hexDigits.Length / 2);
            Convert.FromHexString(_hexDigits.Span, decoded, out _, out _);
            return Interlocked.CompareExchange(ref _bytes, decoded, null) ?? decoded;
        }
    }

    /// <summary>The number of decoded bytes (without decoding).</summary>
    public int Length => _bytes?.Length ?? _hexDigits.Length / 2;

    /// <summary>
    /// The hex digits exactly as they stand in the file, for a long hex string written as plain digits (an even
    /// number, no whitespace); empty otherwise. <see cref="Bytes"/> is their decoding.
    /// </summary>
    public ReadOnlyMemory<byte> HexDigits => _hexDigits;

    public bool IsHex { get; }

    /// <summary>A text string: UTF-16BE with BOM when it needs more than Latin-1 (ISO 32000-1 §7.9.2.2).</summary>
    public static PdfString FromText(string text)
    {
        foreach (var c in text)
        {
            if (c > 0x7E)
            {
                var utf16 = Encoding.BigEndianUnicode.GetBytes(text);
                var withBom = new byte[utf16.Length + 2];
                withBom[0] = 0xFE;
                withBom[1] = 0xFF;
                utf16.CopyTo(withBom, 2);
                return new PdfString(withBom);
            }
        }
        return new PdfString(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Decodes a text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding approximated by Latin-1).</summary>
    public string ToText()
    {
        var b = Bytes;
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
        {
            return Encoding.BigEndianUnicode.GetString(b, 2, b.Length - 2);
        }
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(b, 3, b.Length - 3);
        }
        return Encoding.Latin1.GetString(b);
    }

    public override PdfObject DeepClone() => this;
    public override string ToString() => ToText();
}
