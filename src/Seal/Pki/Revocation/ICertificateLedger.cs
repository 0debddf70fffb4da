using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// A record of issued and revoked certificates shared by every instance of the service (a database),
/// so each instance's OCSP responder and CRL answer for certificates any instance issued or revoked.
/// Records are keyed by CA name and serial number; a revocation is final.
/// </summary>
public interface ICertificateLedger
{
    /// <summary>Records an issued certificate (again: no change), durable before it returns.</summary>
    void RecordIssued(string caName, IssuedCertificateRecord record);

    IssuedCertificateRecord? Find(string caName, BigInteger serialNumber);

    IReadOnlyList<IssuedCertificateRecord> All(string caName);

    IReadOnlyList<IssuedCertificateRecord> Revoked(string caName);

    /// <summary>Changes whenever a certificate of the CA is revoked (by any instance).</summary>
    long RevocationVersion(string caName);

    /// <summary>Marks the certificate revoked; an unknown serial is a <see cref="KeyNotFoundException"/>, an already revoked one an <see cref="InvalidOperationException"/>.</summary>
    IssuedCertificateRecord Revoke(string caName, BigInteger serialNumber, RevocationReason reason, DateTime at);

    /// <summary>
    /// Takes what a CA's local journal recorded into the ledger: certificates it lacks are added,
    /// revocations it lacks are applied; what it already has stays as it is.
    /// </summary>
    void Import(string caName, IReadOnlyCollection<IssuedCertificateRecord> records);
}
