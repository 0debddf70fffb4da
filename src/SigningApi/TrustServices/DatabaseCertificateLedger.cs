using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;
using Org.BouncyCastle.Math;

namespace OneThing.SigningApi.TrustServices;

/// <summary>A certificate one of the product's CAs issued, as every instance sees it.</summary>
public sealed class IssuedCertificate
{
    /// <summary>Which of the service's PKIs (<see cref="CentrePkis.MainName"/> or <see cref="CentrePkis.Sm2Key"/>; rows recorded before the column existed are the main one's): their CAs have the same names.</summary>
    public required string Pki { get; set; }
    public required string CaName { get; set; }

    /// <summary>Lower-case hexadecimal, as the CA journals write it.</summary>
    public required string Serial { get; set; }
    public required string Profile { get; set; }
    public required string Subject { get; set; }
    public DateTimeOffset NotAfter { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public int? Reason { get; set; }
}

/// <summary>
/// The PKI's issued/revoked record in the case database, shared by every instance: OCSP on any
/// instance answers good for a certificate another issued, and the CRL lists every revocation. The
/// PKI calls it synchronously (OCSP and CRL generation are synchronous), each call on its own scope.
/// One ledger per PKI (<paramref name="pki"/>): the main PKI and the SM2 PKI beside it name their CAs alike
/// ("root-ca", "issuing-ca"), so each reads and writes only its own rows.
/// </summary>
internal sealed class DatabaseCertificateLedger(IServiceScopeFactory scopes, string pki) : ICertificateLedger
{
    /// <summary>This ledger's rows of one CA: every query goes through here, so none can read another PKI's.</summary>
    private IQueryable<IssuedCertificate> RowsOf(SigningDbContext db, string caName) =>
        db.Set<IssuedCertificate>().Where(c => c.Pki == pki && c.CaName == caName);

    public void RecordIssued(string caName, IssuedCertificateRecord record)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var serial = record.SerialHex;
        if (RowsOf(db, caName).Any(c => c.Serial == serial)) return;
        db.Add(new IssuedCertificate
        {
            Pki = pki, CaName = caName, Serial = serial, Profile = record.Profile, Subject = Truncate(record.Subject, 1000),
            NotAfter = Utc(record.NotAfter),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException) when (RowsOf(db, caName).AsNoTracking().Any(c => c.Serial == serial))
        {
            // Recorded at the same moment by another instance importing the same journal.
        }
    }

    public IssuedCertificateRecord? Find(string caName, BigInteger serialNumber)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var serial = serialNumber.ToString(16);
        var row = RowsOf(db, caName).AsNoTracking().FirstOrDefault(c => c.Serial == serial);
        return row is null ? null : ToRecord(row);
    }

    public IReadOnlyList<IssuedCertificateRecord> All(string caName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        return [.. RowsOf(db, caName).AsNoTracking().AsEnumerable().Select(ToRecord).OrderBy(r => r.Subject, StringComparer.Ordinal)];
    }

    public IReadOnlyList<IssuedCertificateRecord> Revoked(string caName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        return [.. RowsOf(db, caName).AsNoTracking().Where(c => c.RevokedAt != null).AsEnumerable().Select(ToRecord).OrderBy(r => r.RevokedAt)];
    }

    /// <summary>The number of revocations: a revocation is never undone, so the count only grows.</summary>
    public long RevocationVersion(string caName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        return RowsOf(db, caName).Count(c => c.RevokedAt != null);
    }

    public IssuedCertificateRecord Revoke(string caName, BigInteger serialNumber, RevocationReason reason, DateTime at)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var serial = serialNumber.ToString(16);
        var revokedAt = new DateTimeOffset(at.ToUniversalTime());
        // Conditional: of two instances revoking at once, one records its time and reason, the other is told it is already revoked.
        var open = RowsOf(db, caName).Where(c => c.Serial == serial && c.RevokedAt == null);
        var changed = db.WriteNow(() => open.ExecuteUpdate(s => s.SetProperty(c => c.RevokedAt, revokedAt).SetProperty(c => c.Reason, (int)reason)));
        var row = RowsOf(db, caName).AsNoTracking().FirstOrDefault(c => c.Serial == serial)
            ?? throw new KeyNotFoundException($"No certificate with serial number {serial} was issued by this CA.");
        if (changed == 0)
            throw new InvalidOperationException($"The certificate {serial} ({row.Subject}) is already revoked since {row.RevokedAt:u}.");
        return ToRecord(row);
    }

    public void Import(string caName, IReadOnlyCollection<IssuedCertificateRecord> records)
    {
        if (records.Count == 0) return;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var known = RowsOf(db, caName).AsNoTracking()
            .Select(c => new { c.Serial, Revoked = c.RevokedAt != null }).ToDictionary(c => c.Serial, c => c.Revoked, StringComparer.Ordinal);
        foreach (var record in records.Where(r => !known.ContainsKey(r.SerialHex)))
            db.Add(new IssuedCertificate
            {
                Pki = pki, CaName = caName, Serial = record.SerialHex, Profile = record.Profile, Subject = Truncate(record.Subject, 1000),
                NotAfter = Utc(record.NotAfter), RevokedAt = record.RevokedAt is { } at ? Utc(at) : null, Reason = (int?)record.Reason,
            });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another instance imported the same journal at the same moment; what it stored is the same record.
            db.ChangeTracker.Clear();
        }
        foreach (var record in records.Where(r => r.IsRevoked && known.TryGetValue(r.SerialHex, out var revoked) && !revoked))
        {
            var serial = record.SerialHex;
            var revokedAt = Utc(record.RevokedAt!.Value);
            var reason = (int)(record.Reason ?? RevocationReason.Unspecified);
            var open = RowsOf(db, caName).Where(c => c.Serial == serial && c.RevokedAt == null);
            db.WriteNow(() => open.ExecuteUpdate(s => s.SetProperty(c => c.RevokedAt, revokedAt).SetProperty(c => c.Reason, reason)));
        }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at.ToUniversalTime(), DateTimeKind.Utc));

    private static IssuedCertificateRecord ToRecord(IssuedCertificate row) =>
        new(new BigInteger(row.Serial, 16), row.Profile, row.Subject, row.NotAfter.UtcDateTime, row.RevokedAt?.UtcDateTime, (RevocationReason?)row.Reason);

    private static string Truncate(string s, int max) => s.Length > max ? s[..max] : s;
}

internal sealed class IssuedCertificateConfiguration : IEntityTypeConfiguration<IssuedCertificate>
{
    public void Configure(EntityTypeBuilder<IssuedCertificate> b)
    {
        b.ToTable("issued_certificates");
        b.HasKey(c => new { c.Pki, c.CaName, c.Serial });
        b.Property(c => c.Pki).HasMaxLength(16);
        b.Property(c => c.CaName).HasMaxLength(64);
        b.Property(c => c.Serial).HasMaxLength(64);
        b.Property(c => c.Profile).HasMaxLength(64);
        b.Property(c => c.Subject).HasMaxLength(1000);
        // The CRL reads a CA's revoked certificates.
        b.HasIndex(c => new { c.Pki, c.CaName, c.RevokedAt });
    }
}
