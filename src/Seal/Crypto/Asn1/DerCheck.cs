using System.Formats.Asn1;

namespace OneThing.Seal.Crypto.Asn1;

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
            Walk(encoded.Span, 0);
            return true;
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Reads every element under DER rules from the spans themselves (no reader objects: this runs over the signed attributes of every signature).</summary>
    private static void Walk(ReadOnlySpan<byte> data, int depth)
    {
        const AsnEncodingRules der = AsnEncodingRules.DER;
        if (depth > MaxDepth)
        {
            throw new AsnContentException("nested too deeply");
        }
        while (!data.IsEmpty)
        {
            var tag = Asn1Tag.Decode(data, out _);
            int consumed;
            if (tag.IsConstructed)
            {
                if (tag.TagClass == TagClass.Universal && tag.TagValue != (int)UniversalTagNumber.Sequence && tag.TagValue != (int)UniversalTagNumber.Set)
                {
                    throw new AsnContentException("constructed string"); // DER allows only primitive strings
                }
                int contentOffset, contentLength;
                if (tag.TagClass == TagClass.Universal && tag.TagValue == (int)UniversalTagNumber.Set)
                {
                    AsnDecoder.ReadSetOf(data, der, out contentOffset, out contentLength, out consumed, skipSortOrderValidation: false, tag);
                }
                else
                {
                    AsnDecoder.ReadSequence(data, der, out contentOffset, out contentLength, out consumed, tag);
                }
                Walk(data.Slice(contentOffset, contentLength), depth + 1);
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Boolean))
            {
                AsnDecoder.ReadBoolean(data, der, out consumed, tag);
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.PrimitiveBitString))
            {
                if (!AsnDecoder.TryReadPrimitiveBitString(data, der, out _, out _, out consumed, tag))
                {
                    throw new AsnContentException("constructed bit string");
                }
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Integer))
            {
                AsnDecoder.ReadIntegerBytes(data, der, out consumed, tag);
            }
            else
            {
                AsnDecoder.ReadEncodedValue(data, der, out _, out _, out consumed);
            }
            data = data[consumed..];
        }
    }
}
