using System.Buffers.Binary;

namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>Just enough PNG reading to refuse what is not a plausible handwritten signature image.</summary>
internal static class PngImage
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Null when acceptable, else the reason.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 33 || !bytes[..8].SequenceEqual(Signature)) return "is not a PNG image";
        if (!bytes.Slice(12, 4).SequenceEqual("IHDR"u8)) return "is not a well-formed PNG (no IHDR)";
        var width = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(20, 4));
        if (width < 50 || height < 20) return $"is {width}×{height} pixels; a handwritten signature needs at least 50×20";
        if (width > 4000 || height > 4000) return $"is {width}×{height} pixels; at most 4000×4000";
        return null;
    }
}
