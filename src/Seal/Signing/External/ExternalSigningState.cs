using System.Text.Json;

namespace OneThing.Seal.Signing.External;

/// <summary>What the complete phase needs: the placeholder revision and the signed attributes. Serialized as JSON; integrity is re-checked on completion.</summary>
internal sealed record ExternalSigningState(
    int Version,
    byte[] PreparedPdf,
    int OriginalLength,
    long ByteRangeOffset,
    long ContentsOffset,
    int ReservedBytes,
    byte[] SignedAttributes,
    byte[] Certificate,
    byte[][] Chain,
    string SignatureAlgorithm)
{
    public const int CurrentVersion = 1;

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static ExternalSigningState FromBytes(byte[] state)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<ExternalSigningState>(state);
            if (parsed is null || parsed.Version != CurrentVersion)
            {
                throw new SigningException("the two-phase signing state is not one this version wrote");
            }
            return parsed;
        }
        catch (JsonException ex)
        {
            throw new SigningException("the two-phase signing state is corrupt: " + ex.Message, ex);
        }
    }
}
