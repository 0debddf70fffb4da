using System.Security.Cryptography;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing.Appearances;

namespace OneThing.Seal.Signing.ElectronicSeals;

/// <summary>
/// Makes a centre's GB/T 38540 v4 seal (SESeal) with a seal maker's SM2 key: the centre's seal certificate is the one
/// holder listed, the picture is the centre's round seal. In production the seal comes from the provincial seal
/// platform (<c>onething seal make</c> shows the same structure); the demo and a development PKI make their own.
/// </summary>
public static class ElectronicSealMaker
{
    /// <summary>Seal type 2: a special-purpose seal (合同专用章, contract seal), as the seal management rules number it.</summary>
    public const int ContractSealType = 2;

    public static byte[] Make(CertifiedSigningKey maker, CentreSealKey seal, DateTimeOffset now, TimeSpan validity, string vendorId = "OneThing")
    {
        if (maker.PrivateKey.Algorithm != KeyAlgorithm.Sm2)
        {
            throw new ArgumentException($"the seal maker's key is {maker.PrivateKey.Algorithm}; GB/T 38540 seals are signed with SM2");
        }
        var request = new SesSealRequest(
            vendorId,
            $"{seal.SealCode}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}",
            ContractSealType,
            seal.CentreName + "合同专用章",
            [seal.Key.Certificate.GetEncoded()],
            now,
            now,
            now + validity,
            new SesPicture("png", CentreSealPicture.Render(seal.CentreName, seal.SealCode), 40, 40));
        return SesWriter.WriteSeal(request, maker.Certificate.GetEncoded(), data => maker.PrivateKey.Sign(data));
    }
}
