using System.Buffers;
using System.Globalization;
using System.Text;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Parsing;

/// <summary>
/// Parses PDF objects (ISO 32000-1 §7.3) from bytes: direct objects with bounded nesting, and
/// indirect objects <c>n g obj … endobj</c> including streams.
/// </summary>
internal sealed class PdfObjectParser(ReadOnlyMemory<byte> data, PdfReaderLimits limits)
{
    private readonly PdfLexer _lexer = new(data);

    public PdfLexer Lexer => _lexer;

    public int Position
    {
        get => _lexer.Position;
        set => _lexer.Position = value;
    }

    /// <summary>Parses one direct object at the current position.</summary>
    public PdfObject ParseObject() => ParseObject(0);

    private PdfObject ParseObject(int depth)
    {
        if (depth > limits.MaxNestingDepth)
        {
            throw new PdfFormatException($"objects nested deeper than {limits.MaxNestingDepth} at offset {_lexer.Position}");
        }
        _lexer.SkipWhitespaceAndComments();
        var c = _lexer.Peek();
        switch (c)
        {
            case -1:
                throw new PdfFormatException("unexpected end of data while reading an object");
            case '[':
                _lexer.Position++;
                return ParseArray(depth);
            case '<':
                if (_lexer.PeekAt(1) == '<')
                {
                    _lexer.Position += 2;
                    return ParseDictionaryBody(depth);
                }
                _lexer.Position++;
                return ParseHexString();
            case '(':
                _lexer.Position++;
                return ParseLiteralString();
            case '/':
                _lexer.Position++;
                return ParseName();
            default:
                return ParseNumberOrKeyword();
        }
    }

    private PdfArray ParseArray(int depth)
    {
        // Elements gather in a pooled buffer and the array is made at its exact size (most are 2–8 long).
        var items = ArrayPool<PdfObject>.Shared.Rent(16);
        var n = 0;
        try
        {
            while (true)
            {
                _lexer.SkipWhitespaceAndComments();
                var c = _lexer.Peek();
                if (c == ']')
                {
                    _lexer.Position++;
                    return new PdfArray(items.AsSpan(0, n));
                }
                if (c == -1)
                {
                    throw new PdfFormatException("unterminated array");
                }
                if (n >= limits.MaxCollectionLength)
                {
                    throw new PdfFormatException($"array longer than {limits.MaxCollectionLength} elements");
                }
                var item = ParseObject(depth + 1);
                if (n == items.Length)
                {
                    Grow(ref items, n);
                }
                items[n++] = item;
            }
        }
        finally
        {
            items.AsSpan(0, n).Clear();
            ArrayPool<PdfObject>.Shared.Return(items);
        }
    }

    private PdfDictionary ParseDictionaryBody(int depth)
    {
        // Entries gather in pooled buffers; the dictionary is then made at their number (not a fixed 8) and
        // filled in the same order by the same rule, so it holds and enumerates exactly what filling it while
        // parsing did. The length limit counts entries as written (repeated keys included).
        var keys = ArrayPool<string>.Shared.Rent(16);
        var values = ArrayPool<PdfObject>.Shared.Rent(16);
        var n = 0;
        try
        {
            while (true)
            {
                _lexer.SkipWhitespaceAndComments();
                var c = _lexer.Peek();
                if (c == '>' && _lexer.PeekAt(1) == '>')
                {
                    _lexer.Position += 2;
                    var dict = new PdfDictionary(capacity: Math.Min(n, 16));
                    for (var i = 0; i < n; i++)
                    {
                        // A null value is the same as an absent entry (§7.3.7).
                        dict[keys[i]] = values[i] is PdfNull ? null : values[i];
                    }
                    return dict;
                }
                if (c != '/')
                {
                    throw new PdfFormatException(c == -1 ? "unterminated dictionary" : $"dictionary key is not a name at offset {_lexer.Position}");
                }
                _lexer.Position++;
                var key = ParseName().Value;
                if (n >= limits.MaxCollectionLength)
                {
                    throw new PdfFormatException($"dictionary with more than {limits.MaxCollectionLength} entries");
                }
                var value = ParseObject(depth + 1);
                if (n == keys.Length)
                {
                    Grow(ref keys, n);
                }
                if (n == values.Length)
                {
                    Grow(ref values, n);
                }
                keys[n] = key;
                values[n++] = value;
            }
        }
        finally
        {
            keys.AsSpan(0, n).Clear();
            values.AsSpan(0, n).Clear();
            ArrayPool<string>.Shared.Return(keys);
            ArrayPool<PdfObject>.Shared.Return(values);
        }
    }

    private static void Grow<T>(ref T[] buffer, int used)
    {
        var bigger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
        buffer.AsSpan(0, used).CopyTo(bigger);
        buffer.AsSpan(0, used).Clear();
        ArrayPool<T>.Shared.Return(buffer);
        buffer = bigger;
    }

    private PdfName ParseName()
    {
        var span = _lexer.Data.Span;
        var start = _lexer.Position;
        var end = start;
        while (end < span.Length && PdfLexer.IsRegular(span[end]) && span[end] != '#')
        {
            end++;
        }
        if (end >= span.Length || !PdfLexer.IsRegular(span[end]))
        {
            // No #xx escape (almost every name): one string straight from the bytes.
            _lexer.Position = end;
            return WellKnownNames.Find(span[start..end]) ?? new PdfName(Encoding.Latin1.GetString(span[start..end]));
        }
        var sb = new StringBuilder();
        var p = start;
        while (p < span.Length && PdfLexer.IsRegular(span[p]))
        {
            var b = span[p];
            if (b == '#' && p + 2 < span.Length && IsHex(span[p + 1]) && IsHex(span[p + 2]))
            {
                sb.Append((char)(HexValue(span[p + 1]) * 16 + HexValue(span[p + 2])));
                p += 3;
            }
            else
            {
                sb.Append((char)b);
                p++;
            }
        }
        _lexer.Position = p;
        return new PdfName(sb.ToString());
    }

    private PdfString ParseHexString()
    {
        var span = _lexer.Data.Span;
        var end = span[_lexer.Position..].IndexOf((byte)'>');
        if (end < 0)
        {
            throw new PdfFormatException("unterminated hex string");
        }
        var body = span.Slice(_lexer.Position, end);
        if (body.Length >= LazyHexDigits && body.Length % 2 == 0 && !body.ContainsAnyExcept(HexDigitValues))
        {
            // A signature's /Contents (tens of KB of plain hex, half of it padding): checked here, decoded on first use.
            var digits = _lexer.Data.Slice(_lexer.Position, end);
            _lexer.Position += end + 1;
            return PdfString.FromHexDigits(digits);
        }
        // Every byte is written below (the bulk path fills it; the byte loop rewrites it from the start and
        // trims to what it wrote), so the tens of KB of a signature's /Contents need no zeroing first.
        var bytes = GC.AllocateUninitializedArray<byte>((body.Length + 1) / 2);
        // Signature /Contents are tens of KB of plain even-length hex: decode them in bulk; anything else
        // (whitespace, odd length, bad characters) takes the byte loop below, which also reports errors.
        if (body.Length % 2 == 0
            && Convert.FromHexString(body, bytes, out var consumed, out var written) == System.Buffers.OperationStatus.Done
            && consumed == body.Length && written == bytes.Length)
        {
            _lexer.Position += end + 1;
            return new PdfString(bytes, isHex: true);
        }
        var n = 0;
        var high = -1;
        foreach (var b in body)
        {
            if (PdfLexer.IsWhitespace(b))
            {
                continue;
            }
            if (!IsHex(b))
            {
                throw new PdfFormatException($"invalid character in hex string at offset {_lexer.Position}");
            }
            if (high < 0)
            {
                high = HexValue(b);
            }
            else
            {
                bytes[n++] = (byte)(high * 16 + HexValue(b));
                high = -1;
            }
        }
        if (high >= 0)
        {
            bytes[n++] = (byte)(high * 16);
        }
        _lexer.Position += end + 1;
        return new PdfString(n == bytes.Length ? bytes : bytes[..n], isHex: true);
    }

    private PdfString ParseLiteralString()
    {
        var span = _lexer.Data.Span;
        var output = new List<byte>();
        var nesting = 1;
        var p = _lexer.Position;
        while (true)
        {
            if (p >= span.Length)
            {
                throw new PdfFormatException("unterminated literal string");
            }
            var b = span[p++];
            switch (b)
            {
                case (byte)'(':
                    nesting++;
                    output.Add(b);
                    break;
                case (byte)')':
                    if (--nesting == 0)
                    {
                        _lexer.Position = p;
                        return new PdfString([.. output]);
                    }
                    output.Add(b);
                    break;
                case (byte)'\\':
                    if (p >= span.Length)
                    {
                        throw new PdfFormatException("unterminated literal string");
                    }
                    var e = span[p++];
                    switch (e)
                    {
                        case (byte)'n': output.Add((byte)'\n'); break;
                        case (byte)'r': output.Add((byte)'\r'); break;
                        case (byte)'t': output.Add((byte)'\t'); break;
                        case (byte)'b': output.Add((byte)'\b'); break;
                        case (byte)'f': output.Add((byte)'\f'); break;
                        case (byte)'\r':
                            if (p < span.Length && span[p] == '\n')
                            {
                                p++;
                            }
                            break;
                        case (byte)'\n':
                            break;
                        case >= (byte)'0' and <= (byte)'7':
                            var v = e - '0';
                            for (var i = 0; i < 2 && p < span.Length && span[p] is >= (byte)'0' and <= (byte)'7'; i++)
                            {
                                v = v * 8 + (span[p++] - '0');
                            }
                            output.Add((byte)v);
                            break;
                        default:
                            output.Add(e);
                            break;
                    }
                    break;
                default:
                    output.Add(b);
                    break;
            }
        }
    }

    private PdfObject ParseNumberOrKeyword()
    {
        var start = _lexer.Position;
        var token = _lexer.ReadRegularToken();
        if (token.Length == 0)
        {
            throw new PdfFormatException($"unexpected character 0x{_lexer.Peek():X2} at offset {start}");
        }
        if (token.SequenceEqual("true"u8))
        {
            return PdfBoolean.True;
        }
        if (token.SequenceEqual("false"u8))
        {
            return PdfBoolean.False;
        }
        if (token.SequenceEqual("null"u8))
        {
            return PdfNull.Instance;
        }
        if (!TryParseNumber(token, out var number))
        {
            throw new PdfFormatException($"unexpected token '{Encoding.Latin1.GetString(token[..Math.Min(token.Length, 32)])}' at offset {start}");
        }
        if (number is PdfInteger first && first.Value is >= 0 and <= int.MaxValue)
        {
            // Look ahead for "gen R".
            var save = _lexer.Position;
            if (_lexer.TryReadUnsignedInteger(out var gen) && gen <= 65535 && _lexer.TryReadKeyword("R"u8))
            {
                return new PdfReference((int)first.Value, (int)gen);
            }
            _lexer.Position = save;
        }
        return number;
    }

    private static bool TryParseNumber(ReadOnlySpan<byte> token, out PdfObject number)
    {
        number = PdfNull.Instance;
        var isReal = false;
        foreach (var b in token)
        {
            if (b == '.')
            {
                isReal = true;
            }
            else if (b is not ((>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'-'))
            {
                return false;
            }
        }
        // Parsed from the bytes themselves (no string per number: page boxes and widths are full of them).
        if (!isReal && long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            number = PdfInteger.Of(l);
            return true;
        }
        // Tolerate producers' oddities such as "--5" or "5." by parsing what is sensible.
        var cleaned = token.TrimStart((byte)'+');
        if (cleaned.StartsWith("--"u8))
        {
            cleaned = cleaned[1..];
        }
        if (double.TryParse(cleaned, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            number = new PdfReal(d);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Parses the indirect object starting at <paramref name="offset"/>; checks its number and generation.
    /// <paramref name="resolveLength"/> resolves an indirect /Length (it must not recurse into this parser's object).
    /// </summary>
    public PdfObject ParseIndirectObject(long offset, int expectedNumber, int expectedGeneration, Func<PdfReference, long?> resolveLength)
    {
        if (offset < 0 || offset >= _lexer.Length)
        {
            throw new PdfFormatException($"object {expectedNumber} {expectedGeneration} R: offset {offset} is outside the file");
        }
        _lexer.Position = (int)offset;
        if (!_lexer.TryReadUnsignedInteger(out var number) || !_lexer.TryReadUnsignedInteger(out var generation) || !_lexer.TryReadKeyword("obj"u8))
        {
            throw new PdfFormatException($"object {expectedNumber} {expectedGeneration} R: no 'obj' header at offset {offset}");
        }
        if (number != expectedNumber || generation != expectedGeneration)
        {
            throw new PdfFormatException($"object {expectedNumber} {expectedGeneration} R: offset {offset} holds object {number} {generation}");
        }
        return ParseIndirectBody(expectedNumber, resolveLength);
    }

    private PdfObject ParseIndirectBody(int number, Func<PdfReference, long?> resolveLength)
    {
        var value = ParseObject();
        if (value is PdfDictionary dict)
        {
            var save = _lexer.Position;
            if (_lexer.TryReadKeyword("stream"u8))
            {
                _lexer.SkipStreamEol();
                return new PdfStream(dict, ReadStreamData(number, dict, resolveLength));
            }
            _lexer.Position = save;
        }
        // "endobj" is required by the spec but often missing in damaged files; nothing depends on it.
        return value;
    }

    /// <summary>The indirect /Length the last stream parsed depended on, and what it resolved to (null: a direct or no /Length).</summary>
    public PdfReference? LengthReference { get; private set; }

    /// <inheritdoc cref="LengthReference"/>
    public long? ResolvedLength { get; private set; }

    private ReadOnlyMemory<byte> ReadStreamData(int number, PdfDictionary dict, Func<PdfReference, long?> resolveLength)
    {
        var start = _lexer.Position;
        long? length;
        switch (dict["Length"])
        {
            case PdfInteger i:
                length = i.Value;
                break;
            case PdfReference r:
                LengthReference = r;
                length = ResolvedLength = resolveLength(r);
                break;
            default:
                length = null;
                break;
        }
        if (length is { } len && len >= 0 && start + len <= _lexer.Length)
        {
            _lexer.Position = (int)(start + len);
            var save = _lexer.Position;
            if (_lexer.TryReadKeyword("endstream"u8))
            {
                return _lexer.Data.Slice(start, (int)len);
            }
            _lexer.Position = save;
        }
        // /Length missing or wrong: fall back to the endstream keyword (as every reader does).
        var end = _lexer.IndexOf("endstream"u8, start);
        if (end < 0)
        {
            throw new PdfFormatException($"object {number}: stream without 'endstream' (truncated file?)");
        }
        var dataEnd = end;
        if (dataEnd > start && _lexer.Data.Span[dataEnd - 1] == '\n')
        {
            dataEnd--;
        }
        if (dataEnd > start && _lexer.Data.Span[dataEnd - 1] == '\r')
        {
            dataEnd--;
        }
        _lexer.Position = end + "endstream".Length;
        return _lexer.Data[start..dataEnd];
    }

    /// <summary>Hex strings at least this long (in digits) written as plain digits are decoded on first use.</summary>
    private const int LazyHexDigits = 1024;

    private static readonly System.Buffers.SearchValues<byte> HexDigitValues = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
