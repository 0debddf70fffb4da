namespace OneThing.Seal.Pdf.Parsing;

/// <summary>
/// Byte-level scanning of PDF syntax (ISO 32000-1 §7.2): whitespace, comments, delimiters, numbers,
/// keywords. Stateless apart from the position; every read is bounded by the data length.
/// </summary>
internal sealed class PdfLexer(ReadOnlyMemory<byte> data)
{
    public ReadOnlyMemory<byte> Data { get; } = data;
    public int Position { get; set; }
    public int Length => Data.Length;
    public bool AtEnd => Position >= Data.Length;

    public static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;
    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';
    public static bool IsRegular(byte b) => !IsWhitespace(b) && !IsDelimiter(b);

    public int Peek() => Position < Data.Length ? Data.Span[Position] : -1;
    public int PeekAt(int offset) => Position + offset < Data.Length ? Data.Span[Position + offset] : -1;

    public void SkipWhitespaceAndComments()
    {
        var span = Data.Span;
        while (Position < span.Length)
        {
            var b = span[Position];
            if (IsWhitespace(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Position < span.Length && span[Position] != '\n' && span[Position] != '\r')
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads a run of regular characters (a keyword or number) after skipping whitespace.</summary>
    public ReadOnlySpan<byte> ReadRegularToken()
    {
        SkipWhitespaceAndComments();
        var span = Data.Span;
        var start = Position;
        while (Position < span.Length && IsRegular(span[Position]))
        {
            Position++;
        }
        return span[start..Position];
    }

    /// <summary>True (and consumes it) when the next token is exactly <paramref name="keyword"/>.</summary>
    public bool TryReadKeyword(ReadOnlySpan<byte> keyword)
    {
        var save = Position;
        var token = ReadRegularToken();
        if (token.SequenceEqual(keyword))
        {
            return true;
        }
        Position = save;
        return false;
    }

    public void ExpectKeyword(ReadOnlySpan<byte> keyword)
    {
        var at = Position;
        if (!TryReadKeyword(keyword))
        {
            throw new PdfFormatException($"expected '{System.Text.Encoding.ASCII.GetString(keyword)}' at offset {at}");
        }
    }

    /// <summary>Reads a non-negative integer token, or returns false (position unchanged).</summary>
    public bool TryReadUnsignedInteger(out long value)
    {
        var save = Position;
        var token = ReadRegularToken();
        value = 0;
        if (token.Length is 0 or > 18)
        {
            Position = save;
            return false;
        }
        foreach (var b in token)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                Position = save;
                value = 0;
                return false;
            }
            value = value * 10 + (b - '0');
        }
        return true;
    }

    public long ReadUnsignedInteger(string what)
    {
        var at = Position;
        if (!TryReadUnsignedInteger(out var v))
        {
            throw new PdfFormatException($"expected {what} (an unsigned integer) at offset {at}");
        }
        return v;
    }

    /// <summary>Skips the end-of-line after the <c>stream</c> keyword (CRLF or LF; a lone CR is tolerated).</summary>
    public void SkipStreamEol()
    {
        var b = Peek();
        if (b == '\r')
        {
            Position++;
            if (Peek() == '\n')
            {
                Position++;
            }
        }
        else if (b == '\n')
        {
            Position++;
        }
    }

    /// <summary>Index of the next occurrence of <paramref name="needle"/> at or after <paramref name="from"/>, or -1.</summary>
    public int IndexOf(ReadOnlySpan<byte> needle, int from)
    {
        if (from >= Data.Length)
        {
            return -1;
        }
        var i = Data.Span[from..].IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }
}
