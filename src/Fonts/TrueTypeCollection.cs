using System.Buffers.Binary;

namespace OneThing.Fonts;

/// <summary>
/// Extracts one face of a TrueType collection (.ttc) as a stand-alone .ttf, because PDFsharp 6.2.4
/// only parses single-font files. Table offsets in a collection are relative to the collection,
/// so the face is rebuilt: a fresh offset table followed by its tables, each 4-byte aligned.
/// </summary>
public static class TrueTypeCollection
{
    private const uint TtcTag = 0x74746366; // 'ttcf'

    /// <summary>True when the bytes start with the 'ttcf' collection header.</summary>
    public static bool IsCollection(ReadOnlySpan<byte> data) =>
        data.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(data) == TtcTag;

    /// <summary>Returns face <paramref name="faceIndex"/> of a collection as a standalone TrueType font.</summary>
    public static byte[] ExtractFace(ReadOnlySpan<byte> collection, int faceIndex)
    {
        if (!IsCollection(collection)) throw new InvalidDataException("not a TrueType collection (missing 'ttcf' header)");
        var faceCount = BinaryPrimitives.ReadInt32BigEndian(collection[8..]);
        if (faceIndex < 0 || faceIndex >= faceCount)
            throw new ArgumentOutOfRangeException(nameof(faceIndex), $"the collection has {faceCount} faces");

        var faceOffset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(collection[(12 + 4 * faceIndex)..]));
        var header = collection[faceOffset..];
        var tableCount = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        var directorySize = 12 + 16 * tableCount;

        var tables = new (uint Tag, uint Checksum, int Offset, int Length)[tableCount];
        var total = directorySize;
        for (var i = 0; i < tableCount; i++)
        {
            var record = header[(12 + 16 * i)..];
            tables[i] = (BinaryPrimitives.ReadUInt32BigEndian(record),
                BinaryPrimitives.ReadUInt32BigEndian(record[4..]),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(record[12..])));
            total += Align4(tables[i].Length);
        }

        var font = new byte[total];
        header[..12].CopyTo(font); // sfnt version, numTables, searchRange, entrySelector, rangeShift
        var position = directorySize;
        for (var i = 0; i < tableCount; i++)
        {
            var (tag, checksum, offset, length) = tables[i];
            var record = font.AsSpan(12 + 16 * i);
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            collection.Slice(offset, length).CopyTo(font.AsSpan(position));
            position += Align4(length);
        }
        return font;
    }

    private static int Align4(int length) => (length + 3) & ~3;
}
