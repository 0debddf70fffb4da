using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Pdf.Objects;

namespace OneThing.Seal.Pdf.Parsing;

/// <summary>A decoded object stream (ISO 32000-1 §7.5.7): the header's object numbers and offsets, parsed on demand.</summary>
internal sealed class ObjectStreamReader
{
    private readonly byte[] _data;
    private readonly int _first;
    private readonly (int Number, int Offset)[] _index;
    private readonly PdfReaderLimits _limits;

    public ObjectStreamReader(PdfStream stream, PdfReaderLimits limits)
    {
        _limits = limits;
        if (!stream.Dictionary.IsType("ObjStm"))
        {
            throw new PdfFormatException("compressed object refers to a stream that is not an object stream");
        }
        if (stream.Dictionary["N"] is not PdfInteger { Value: >= 0 } n || n.Value > limits.MaxObjectsPerObjectStream
            || stream.Dictionary["First"] is not PdfInteger { Value: >= 0 } first)
        {
            throw new PdfFormatException("object stream with invalid /N or /First");
        }
        _data = StreamDecoder.Decode(stream, limits);
        if (first.Value > _data.Length)
        {
            throw new PdfFormatException("object stream /First beyond its data");
        }
        _first = (int)first.Value;
        var lexer = new PdfLexer(_data);
        _index = new (int, int)[n.Value];
        for (var i = 0; i < _index.Length; i++)
        {
            var num = lexer.ReadUnsignedInteger("object number in object stream header");
            var off = lexer.ReadUnsignedInteger("object offset in object stream header");
            if (num > int.MaxValue || _first + off > _data.Length)
            {
                throw new PdfFormatException("object stream header entry out of range");
            }
            _index[i] = ((int)num, (int)off);
        }
    }

    public int Count => _index.Length;

    /// <summary>The object at <paramref name="index"/>, checked against the expected number.</summary>
    public PdfObject Get(int index, int expectedNumber)
    {
        if (index < 0 || index >= _index.Length)
        {
            throw new PdfFormatException($"object {expectedNumber}: index {index} outside its object stream");
        }
        var (num, off) = _index[index];
        if (num != expectedNumber)
        {
            throw new PdfFormatException($"object {expectedNumber}: object stream slot {index} holds object {num}");
        }
        var parser = new PdfObjectParser(_data, _limits) { Position = _first + off };
        return parser.ParseObject();
    }
}
