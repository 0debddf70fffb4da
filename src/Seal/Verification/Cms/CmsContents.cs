namespace OneThing.Seal.Verification.Cms;

/// <summary>
/// /Contents is a fixed-size hex string zero-padded after the (DER or BER) SignedData: this reads
/// exactly one ASN.1 object from it so the padding never reaches the CMS parser.
/// </summary>
public static class CmsContents
{
    /// <exception cref="FormatException">Empty, wiped or not a CMS SignedData.</exception>
    public static SignedDataParts Parse(byte[] contents)
    {
        if (contents.Length == 0 || contents.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            throw new FormatException("the signature contents are empty or all zeros (never signed, or wiped)");
        }
        return CmsSignedDataReader.Read(contents);
    }
}
