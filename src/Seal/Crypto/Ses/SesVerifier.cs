using System.Security.Cryptography;
using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Signatures;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Crypto.Ses;

/// <summary>One check of a seal or seal signature, for the inspect report.</summary>
public sealed record SesCheck(string Name, bool Passed, string Detail);

/// <summary>
/// Checks the SM2 signatures of an SESeal or SES_Signature against the certificates embedded in it, and whether
/// the signer's certificate is one the seal lists. Trust in the embedded certificates (their chains) is a
/// separate question the report leaves to the caller; dates are reported, not judged.
/// </summary>
public static class SesVerifier
{
    private const string Sm3WithSm2 = SignatureAlgorithms.Sm3WithSm2;

    public static IReadOnlyList<SesCheck> Check(SesSeal seal)
    {
        var checks = new List<SesCheck>();
        // GB/T 38540 implementations sign SES_SealInfo's DER; some older makers signed SEQUENCE { SES_SealInfo, cert, signAlgID }.
        var alternative = new DerSequence(Asn1Object.FromByteArray(seal.SignedInfo), new DerOctetString(seal.MakerCertificate), new DerObjectIdentifier(seal.SignatureAlgorithmOid))
            .GetEncoded(Asn1Encodable.Der);
        checks.Add(CheckValue("seal signature (seal maker)", seal.SignatureAlgorithmOid, seal.MakerCertificate, seal.SignedValue,
            ("SES_SealInfo", seal.SignedInfo), ("SES_SealInfo, cert and signAlgID", alternative)));
        return checks;
    }

    public static IReadOnlyList<SesCheck> Check(SesSignature signature)
    {
        var checks = new List<SesCheck>
        {
            CheckValue("signature value (signer)", signature.SignatureAlgorithmOid, signature.SignerCertificate, signature.Signature, ("TBS_Sign", signature.SignedInfo)),
        };
        checks.AddRange(Check(signature.Seal));
        checks.Add(CheckListed(signature.Seal, signature.SignerCertificate));
        return checks;
    }

    /// <summary>Whether <paramref name="content"/> is what the signature's dataHash (SM3) names.</summary>
    public static SesCheck CheckContent(SesSignature signature, ReadOnlySpan<byte> content)
    {
        var actual = DigestAlgorithms.Hash(DigestAlgorithms.Sm3Name, content);
        return CryptographicOperations.FixedTimeEquals(actual, signature.DataHash)
            ? new SesCheck("content hash", true, "SM3 of the signed content matches dataHash")
            : new SesCheck("content hash", false, "SM3 of the signed content does not match dataHash: the content was changed");
    }

    private static SesCheck CheckValue(string name, string algorithmOid, byte[] certificateDer, byte[] value, params (string What, byte[] Bytes)[] candidates)
    {
        if (algorithmOid != Sm3WithSm2)
        {
            return new SesCheck(name, false, $"signature algorithm {algorithmOid} is not SM3withSM2 ({Sm3WithSm2})");
        }
        X509Certificate certificate;
        try
        {
            certificate = new X509Certificate(certificateDer);
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or IOException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            return new SesCheck(name, false, "the embedded certificate cannot be read");
        }
        try
        {
            foreach (var (what, bytes) in candidates)
            {
                if (Sm2Signatures.Verify(certificate.SubjectPublicKeyInfo, bytes, value))
                {
                    return new SesCheck(name, true, $"SM2 signature over {what} verified with {certificate.SubjectDN}'s key");
                }
            }
            return new SesCheck(name, false, $"the SM2 signature does not verify with {certificate.SubjectDN}'s key: the structure was altered or signed by another key");
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException)
        {
            return new SesCheck(name, false, $"the signature cannot be checked: {e.Message}");
        }
    }

    /// <summary>Whether the seal lists <paramref name="signerCertificate"/> (by certificate, or by digest for certListType 2).</summary>
    public static SesCheck CheckListed(SesSeal seal, byte[] signerCertificate)
    {
        const string name = "signer listed in the seal";
        if (seal.CertListType == 2)
        {
            foreach (var (type, value) in seal.CertificateDigests)
            {
                var hash = type.ToUpperInvariant() switch
                {
                    "SM3" => DigestAlgorithms.Hash(DigestAlgorithms.Sm3Name, signerCertificate),
                    "SHA256" or "SHA-256" => SHA256.HashData(signerCertificate),
                    _ => null,
                };
                if (hash is not null && hash.AsSpan().SequenceEqual(value))
                {
                    return new SesCheck(name, true, $"the seal lists the signer's certificate by its {type} digest");
                }
            }
            return new SesCheck(name, false, "no certificate digest in the seal matches the signer's certificate");
        }
        return seal.Certificates.Any(c => c.AsSpan().SequenceEqual(signerCertificate))
            ? new SesCheck(name, true, "the seal lists the signer's certificate")
            : new SesCheck(name, false, "the signer's certificate is not among the seal's certificates");
    }
}
