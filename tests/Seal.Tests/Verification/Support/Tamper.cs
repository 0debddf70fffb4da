using System.Text;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>Ways an attacker (or a broken transfer) changes a signed file.</summary>
public static class Tamper
{
    /// <summary>Flips one byte of the first page's content stream (inside every signature's first signed range).</summary>
    public static byte[] FlipByteInPageContent(byte[] pdf)
    {
        var copy = (byte[])pdf.Clone();
        var at = copy.AsSpan().IndexOf("Loan contract page 1"u8);
        if (at < 0)
        {
            throw new InvalidOperationException("page text not found");
        }
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>Flips one byte of the binary comment after the %PDF header: inside every signed range, invisible to parsers.</summary>
    public static byte[] FlipByteInHeaderComment(byte[] pdf)
    {
        var copy = (byte[])pdf.Clone();
        var at = copy.AsSpan().IndexOf((byte)'\n') + 2;
        if (at < 2 || copy[at - 1] != '%')
        {
            throw new InvalidOperationException("no binary comment after the header");
        }
        copy[at] ^= 0x01;
        return copy;
    }

    /// <summary>Appends an unsigned incremental update that replaces page 1's content stream.</summary>
    public static byte[] AppendPageContentChange(byte[] pdf)
    {
        var document = PdfDocumentReader.Open(pdf);
        var (pageRef, page) = document.GetPages()[0];
        var writer = new IncrementalUpdateWriter(document);
        var content = writer.Add(new PdfStream(new PdfDictionary(), Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 760 Td (Loan amount: 9,999,999 yuan) Tj ET")));
        var changed = page.ShallowClone();
        changed["Contents"] = content;
        writer.Set(pageRef, changed);
        return writer.Write().ToArray();
    }

    /// <summary>Overwrites the hex digits of the first /Contents gap of the last signature with zeros.</summary>
    public static byte[] ZeroLastSignatureContents(byte[] pdf)
    {
        var copy = (byte[])pdf.Clone();
        var (start, end) = LastContentsGap(copy);
        for (var i = start + 1; i < end - 1; i++)
        {
            copy[i] = (byte)'0';
        }
        return copy;
    }

    public static (int Start, int End) LastContentsGap(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var at = text.LastIndexOf("/ByteRange", StringComparison.Ordinal);
        var open = text.IndexOf('[', at);
        var close = text.IndexOf(']', open);
        var numbers = text[(open + 1)..close].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        return ((int)numbers[1], (int)numbers[2]);
    }
}
