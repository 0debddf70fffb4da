using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>What a CA remembers about a certificate it issued: enough to answer OCSP and to list it on a CRL.</summary>
public sealed record IssuedCertificateRecord(
    BigInteger SerialNumber,
    string Profile,
    string Subject,
    DateTime NotAfter,
    DateTime? RevokedAt = null,
    RevocationReason? Reason = null)
{
    public bool IsRevoked => RevokedAt is not null;

    public string SerialHex => SerialNumber.ToString(16);
}
