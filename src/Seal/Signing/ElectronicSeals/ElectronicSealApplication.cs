using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing.Appearances;

namespace OneThing.Seal.Signing.ElectronicSeals;

/// <summary>
/// A GB/T 38540 seal about to be applied to a PDF signature: the seal read and checked once (v4, the maker's SM2
/// signature verifies, the signing key's certificate is listed, SM2 key), its picture as the widget appearance.
/// The SES_Signature itself is made by <see cref="PadesSigner"/> over the signed ranges (<see cref="PdfSealSignature"/>).
/// </summary>
internal sealed class ElectronicSealApplication
{
    private ElectronicSealApplication(byte[] sealDer, SesSeal seal, SealPictureAppearance appearance)
    {
        SealDer = sealDer;
        Seal = seal;
        Appearance = appearance;
    }

    public byte[] SealDer { get; }
    public SesSeal Seal { get; }
    public SealPictureAppearance Appearance { get; }

    /// <exception cref="SigningException">The seal cannot be applied with this key at this time.</exception>
    public static ElectronicSealApplication Prepare(byte[] sealDer, ISigningKey key, DateTimeOffset signingTime)
    {
        if (!SignerInfoAlgorithms.IsSm2(key.SignatureAlgorithm))
        {
            throw new SigningException("a GB/T 38540 seal is applied with an SM2 key; this key is " + key.SignatureAlgorithm);
        }
        SesSeal seal;
        try
        {
            seal = SesReader.ReadSeal(sealDer);
        }
        catch (SesFormatException e)
        {
            throw new SigningException("the electronic seal cannot be read: " + e.Message);
        }
        if (seal.Version != SesWriter.Version)
        {
            throw new SigningException($"the electronic seal is version {seal.Version}; PDF signatures carry GB/T 38540 version {SesWriter.Version} seals");
        }
        var problems = SesVerifier.Check(seal).Append(SesVerifier.CheckListed(seal, key.Certificate.GetEncoded())).Where(c => !c.Passed).ToList();
        if (problems.Count > 0)
        {
            throw new SigningException("the electronic seal cannot be applied: " + string.Join("; ", problems.Select(p => $"{p.Name}: {p.Detail}")));
        }
        if (signingTime < seal.ValidStart || signingTime > seal.ValidEnd)
        {
            throw new SigningException($"the electronic seal is valid from {seal.ValidStart:u} to {seal.ValidEnd:u}, not at {signingTime:u}");
        }
        if (!string.Equals(seal.Picture.Type, "png", StringComparison.OrdinalIgnoreCase))
        {
            throw new SigningException($"the seal picture is '{seal.Picture.Type}'; the PDF appearance is made from PNG pictures");
        }
        return new ElectronicSealApplication(sealDer, seal, new SealPictureAppearance(seal.Picture.Data));
    }

    /// <summary>Bytes to reserve in the signature dictionary for the SES_Signature.</summary>
    public int Reserve(ISigningKey key) => PdfSealSignature.Reserve(SealDer.Length, key.Certificate.GetEncoded().Length);
}
