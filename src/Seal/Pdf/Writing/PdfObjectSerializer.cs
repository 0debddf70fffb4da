using System.Buffers;
using System.Globalization;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Writing;

/// <summary>
/// Writes PDF objects as bytes. Remembers where a signature's /ByteRange and /Contents
/// placeholders land so they can be patched in place afterwards.
/// </summary>
internal sealed class PdfObjectSerializer(ArrayBufferWriter<byte> output)
{
    public int Position => output.WrittenCount;

    /// <summary>Position of the '[' of the last /ByteRange placeholder written, or -1.</summary>
    public int ByteRangePosition { get; private set; } = -1;

    /// <summary>Position of the '&lt;' of the last /Contents placeholder written, or -1.</summary>
    public int ContentsPosition { get; private set; } = -1;

    public int ContentsReservedBytes { get; private set; }

    /// <summary>Position of the '&lt;' of the last SES_Signature placeholder written, or -1.</summary>
    public int SealSignaturePosition { get; private set; } = -1;

    public int SealSignatureReservedBytes { get; private set; }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => output.Write(bytes);

    public void WriteAscii(string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        output.Advance(text.Length);
    }

    public void WriteIndirectObject(int number, int generation, PdfObject obj)
    {
        WriteAscii(number.ToString(CultureInfo.InvariantCulture));
        WriteRaw(" "u8);
        WriteAscii(generation.ToString(CultureInfo.InvariantCulture));
        WriteRaw(" obj\n"u8);
        if (obj is PdfStream stream)
        {
            var dict = stream.Dictionary.ShallowClone();
            dict["Length"] = new PdfInteger(stream.EncodedData.Length);
            Write(dict);
            WriteRaw("\nstream\n"u8);
            WriteRaw(stream.EncodedData.Span);
            WriteRaw("\nendstream"u8);
        }
        else
        {
            Write(obj);
        }
        WriteRaw("\nendobj\n"u8);
    }

    public void Write(PdfObject obj)
    {
        switch (obj)
        {
            case PdfNull:
                WriteRaw("null"u8);
                break;
            case PdfBoolean b:
                WriteRaw(b.Value ? "true"u8 : "false"u8);
                break;
            case PdfInteger i:
                WriteAscii(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case PdfReal r:
                WriteAscii(FormatReal(r.Value));
                break;
            case PdfName n:
                WriteName(n.Value);
                break;
            case PdfString s:
                WriteString(s);
                break;
            case PdfReference r:
                WriteAscii(r.Number.ToString(CultureInfo.InvariantCulture));
                WriteRaw(" "u8);
                WriteAscii(r.Generation.ToString(CultureInfo.InvariantCulture));
                WriteRaw(" R"u8);
                break;
            case PdfArray a:
                WriteRaw("["u8);
                for (var k = 0; k < a.Count; k++)
                {
                    if (k > 0)
                    {
                        WriteRaw(" "u8);
                    }
                    Write(a[k]);
                }
                WriteRaw("]"u8);
                break;
            case PdfDictionary d:
                WriteRaw("<<"u8);
                foreach (var (key, value) in d)
                {
                    WriteName(key);
                    WriteRaw(" "u8);
                    Write(value);
                }
                WriteRaw(">>"u8);
                break;
            case PdfByteRangePlaceholder:
                ByteRangePosition = Position;
                WriteRaw("["u8);
                output.GetSpan(PdfByteRangePlaceholder.Width)[..PdfByteRangePlaceholder.Width].Fill((byte)' ');
                output.Advance(PdfByteRangePlaceholder.Width);
                WriteRaw("]"u8);
                break;
            case PdfContentsPlaceholder c:
                ContentsPosition = Position;
                ContentsReservedBytes = c.ReservedBytes;
                WriteRaw("<"u8);
                output.GetSpan(c.ReservedBytes * 2)[..(c.ReservedBytes * 2)].Fill((byte)'0');
                output.Advance(c.ReservedBytes * 2);
                WriteRaw(">"u8);
                break;
            case PdfSealSignaturePlaceholder e:
                SealSignaturePosition = Position;
                SealSignatureReservedBytes = e.ReservedBytes;
                WriteRaw("<"u8);
                output.GetSpan(e.ReservedBytes * 2)[..(e.ReservedBytes * 2)].Fill((byte)'0');
                output.Advance(e.ReservedBytes * 2);
                WriteRaw(">"u8);
                break;
            case PdfStream:
                throw new InvalidOperationException("a stream can only be written as an indirect object");
            default:
                throw new InvalidOperationException($"cannot serialize {obj.GetType().Name}");
        }
    }

    public static string FormatReal(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "0";
        }
        var text = value.ToString("0.#####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private void WriteName(string name)
    {
        WriteRaw("/"u8);
        foreach (var ch in name)
        {
            var b = (byte)ch;
            if (b is < 0x21 or > 0x7E or (byte)'#' || Parsing.PdfLexer.IsDelimiter(b))
            {
                WriteAscii("#" + b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                WriteRaw([b]);
            }
        }
    }

    private void WriteString(PdfString s)
    {
        if (s.IsHex)
        {
            WriteRaw("<"u8);
            WriteAscii(Convert.ToHexString(s.Bytes));
            WriteRaw(">"u8);
            return;
        }
        WriteRaw("("u8);
        foreach (var b in s.Bytes)
        {
            switch (b)
            {
                case (byte)'(':
                case (byte)')':
                case (byte)'\\':
                    WriteRaw([(byte)'\\', b]);
                    break;
                case (byte)'\r':
                    WriteRaw("\\r"u8);
                    break;
                case (byte)'\n':
                    WriteRaw("\\n"u8);
                    break;
                default:
                    WriteRaw([b]);
                    break;
            }
        }
        WriteRaw(")"u8);
    }
}
