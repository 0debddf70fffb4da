namespace OneThing.Seal.Pdf.Writing;

/// <summary>
/// The result of writing an incremental update: the untouched original bytes followed by
/// <see cref="Appended"/>. Placeholder offsets are absolute file offsets (-1 when absent).
/// </summary>
public sealed class WrittenUpdate(ReadOnlyMemory<byte> original, byte[] appended, long byteRangeOffset, long contentsOffset, int contentsReservedBytes,
    long sealSignatureOffset = -1, int sealSignatureReservedBytes = 0)
{
    public ReadOnlyMemory<byte> Original { get; } = original;

    /// <summary>Everything after the original bytes; placeholders are patched in this array.</summary>
    public byte[] Appended { get; } = appended;

    public long ByteRangeOffset { get; } = byteRangeOffset;
    public long ContentsOffset { get; } = contentsOffset;
    public int ContentsReservedBytes { get; } = contentsReservedBytes;

    /// <summary>Where the '&lt;' of a GB/T 38540 SES_Signature placeholder is (-1 when none).</summary>
    public long SealSignatureOffset { get; } = sealSignatureOffset;
    public int SealSignatureReservedBytes { get; } = sealSignatureReservedBytes;

    public long Length => Original.Length + Appended.Length;

    /// <summary>The whole new file: the only full copy made of the document.</summary>
    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>((int)Length);
        Original.Span.CopyTo(result);
        Appended.CopyTo(result.AsSpan(Original.Length));
        return result;
    }

    /// <summary>The appended bytes from absolute offset <paramref name="offset"/>.</summary>
    public Span<byte> AppendedAt(long offset, int length) => Appended.AsSpan((int)(offset - Original.Length), length);
}
