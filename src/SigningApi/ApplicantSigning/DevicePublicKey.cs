using OneThing.SigningApi.Core.Problems;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>Reads the device key of a two-phase signature: a base64 DER SubjectPublicKeyInfo, ECDSA on P-256 only (what phones and WebCrypto make).</summary>
internal static class DevicePublicKey
{
    public static AsymmetricKeyParameter Parse(string? base64)
    {
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(Convert.FromBase64String(base64 ?? ""));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw RequestValidationException.From([("publicKey", "must be a base64 DER SubjectPublicKeyInfo")]);
        }
        if (key is not ECPublicKeyParameters ec || !ec.Parameters.Curve.Equals(ECNamedCurveTable.GetByName("P-256").Curve))
            throw RequestValidationException.From([("publicKey", "must be an ECDSA P-256 public key")]);
        return key;
    }
}
