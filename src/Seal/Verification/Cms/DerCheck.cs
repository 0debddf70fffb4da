using System.Formats.Asn1;

namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// Whether an encoding is already DER in every respect a DER re-encoding would change (definite minimal
/// lengths, primitive strings, canonical booleans and bit-string padding, sorted SET OF), i.e. whether
/// re-encoding it as DER would return the same bytes.
/// </summary>
internal static class DerCheck
{
    private const int MaxDepth = 32;

    public static bool IsDer(ReadOnlyMemory<byte> encoded)
    {
        try
        {
            var reader = new AsnReader(encoded, AsnEncodingRules.DER);
            Walk(reader, 0);
            return true;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            return false;
        }
    }

    private static void Walk(AsnReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new AsnContentException("nested too deeply");
        }
        while (reader.HasData)
        {
            var tag = reader.PeekTag();
            if (tag.IsConstructed)
            {
                if (tag.TagClass == TagClass.Universal && tag.TagValue != (int)UniversalTagNumber.Sequence && tag.TagValue != (int)UniversalTagNumber.Set)
                {
                    throw new AsnContentException("constructed string"); // DER allows only primitive strings
                }
                Walk(tag.TagClass == TagClass.Universal && tag.TagValue == (int)UniversalTagNumber.Set ? reader.ReadSetOf(tag) : reader.ReadSequence(tag), depth + 1);
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Boolean))
            {
                reader.ReadBoolean();
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveBitString))
            {
                reader.ReadBitString(out _);
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Integer))
            {
                reader.ReadIntegerBytes();
            }
            else
            {
                reader.ReadEncodedValue();
            }
        }
    }
}
