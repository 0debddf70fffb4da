using System.Text;

namespace OneThing.Seal.Pdf.Objects;

/// <summary>A string object: raw bytes, remembering whether it was written in hex.</summary>
public sealed class PdfString(byte[] bytes, bool isHex = false) : PdfObject
{
    public byte[] Bytes { get; } = bytes;
    public bool IsHex { get; } = isHex;

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
