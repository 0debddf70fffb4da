using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Persistence;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.ApplicantSigning;

public sealed record PendingDeviceSignature(Guid CaseId, Guid PartyId, X509Certificate Certificate, DateTimeOffset ExpiresAt, IReadOnlyList<PreparedDocument> Documents)
{
    /// <summary>Space held: each document's state carries its whole prepared revision.</summary>
    public long Bytes => Documents.Sum(d => (long)d.State.Length);
}

/// <summary>
/// Prepared two-phase signatures waiting for the device's values, by an unguessable id. They live in
/// the shared database, so <c>complete</c> may reach any instance behind the proxy (or the same one
/// after a restart), and expire with the short-lived certificate window. Each state carries whole
/// prepared documents (~1 MB a case), so a party has at most one (preparing again replaces it) and
/// all unexpired ones together stay within <see cref="ApplicantSigningOptions.DeviceSigningMemoryBytes"/>.
/// Each state owns one certificate: a state that is replaced has it revoked as superseded, one that
/// expires or is abandoned (the party signs otherwise or declines) as cessationOfOperation, so no
/// certificate binding the applicant's name to a device key outlives its use.
/// </summary>
public sealed class PendingDeviceSignatures(IServiceScopeFactory scopes, TimeProvider time, IOptions<ApplicantSigningOptions> options, ILogger<PendingDeviceSignatures> logger)
{
    /// <returns>The new state's id; the party's earlier prepared state, if any, is void and its certificate revoked.</returns>
    /// <exception cref="ApiProblemException">503 when the space for prepared signatures is used up.</exception>
    public async Task<string> AddAsync(PendingDeviceSignature pending, CancellationToken ct)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        var row = new PreparedDeviceSignature
        {
            Id = id, CaseId = pending.CaseId, PartyId = pending.PartyId, Certificate = pending.Certificate.GetEncoded(),
            ExpiresAt = pending.ExpiresAt, Bytes = pending.Bytes, Documents = JsonSerializer.SerializeToUtf8Bytes(pending.Documents),
        };
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var now = time.GetUtcNow();
            var states = db.Set<PreparedDeviceSignature>();
            await VoidAsync(scope.ServiceProvider, db, states.Where(s => s.ExpiresAt <= now || (s.CaseId == pending.CaseId && s.PartyId == pending.PartyId)),
                expiresAt => expiresAt <= now ? RevocationReason.CessationOfOperation : RevocationReason.Superseded, ct);
            var held = await states.SumAsync(s => s.Bytes, ct);
            if (held + pending.Bytes > options.Value.DeviceSigningMemoryBytes)
            {
                // No state will hold this certificate: it must not stay valid.
                Revoke(scope.ServiceProvider, pending.Certificate, RevocationReason.CessationOfOperation);
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "Too many on-device signatures are being prepared right now; try again in a minute.", "signing-busy");
            }
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same party prepared on another instance at the same moment: the later one replaces it (and revokes the other's certificate).
                db.Entry(row).State = EntityState.Detached;
            }
        }
    }

    public async Task<PendingDeviceSignature?> FindAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        var row = await db.Set<PreparedDeviceSignature>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.ExpiresAt > now, ct);
        return row is null ? null : new PendingDeviceSignature(row.CaseId, row.PartyId, new X509Certificate(row.Certificate), row.ExpiresAt,
            JsonSerializer.Deserialize<List<PreparedDocument>>(row.Documents) ?? []);
    }

    /// <summary>The state was completed: its certificate is in the signed documents and stays valid.</summary>
    public async Task RemoveAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var state = db.Set<PreparedDeviceSignature>().Where(s => s.Id == id);
        await db.WriteAsync(c => state.ExecuteDeleteAsync(c), () => state.ExecuteDelete(), ct);
    }

    /// <summary>The party finished another way (signed on the server, declined): their prepared state is abandoned.</summary>
    public async Task AbandonAsync(Guid caseId, Guid partyId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        await VoidAsync(scope.ServiceProvider, db, db.Set<PreparedDeviceSignature>().Where(s => s.CaseId == caseId && s.PartyId == partyId),
            _ => RevocationReason.CessationOfOperation, ct);
    }

    /// <summary>Drops expired states and revokes their certificates (run on every prepare and by <see cref="PendingDeviceSignatureSweeper"/>).</summary>
    public async Task SweepExpiredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var now = time.GetUtcNow();
        await VoidAsync(scope.ServiceProvider, db, db.Set<PreparedDeviceSignature>().Where(s => s.ExpiresAt <= now), _ => RevocationReason.CessationOfOperation, ct);
    }

    /// <summary>
    /// Deletes the matching states one by one and revokes the certificate of each this call deleted:
    /// when two instances void the same state at once, only the one whose delete took it revokes.
    /// </summary>
    private async Task VoidAsync(IServiceProvider services, SigningDbContext db, IQueryable<PreparedDeviceSignature> voided, Func<DateTimeOffset, RevocationReason> reason, CancellationToken ct)
    {
        var rows = await voided.AsNoTracking().Select(s => new { s.Id, s.Certificate, s.ExpiresAt }).ToListAsync(ct);
        foreach (var row in rows)
        {
            var state = db.Set<PreparedDeviceSignature>().Where(s => s.Id == row.Id);
            var deleted = await db.WriteAsync(c => state.ExecuteDeleteAsync(c), () => state.ExecuteDelete(), ct);
            if (deleted == 1) Revoke(services, new X509Certificate(row.Certificate), reason(row.ExpiresAt));
        }
    }

    private void Revoke(IServiceProvider services, X509Certificate certificate, RevocationReason reason)
    {
        try
        {
            // Resolved at the moment of revoking, so holding prepared states never forces the CA keys to load.
            services.GetRequiredService<CentrePkis>().Revoke(certificate.SerialNumber, reason);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IOException)
        {
            // Already revoked, or the ledger cannot be written: the certificate still expires with the window.
            logger.LogWarning(e, "Could not revoke the prepared certificate {Serial} ({Reason})", certificate.SerialNumber.ToString(16), reason);
        }
    }
}

/// <summary>Sweeps expired prepared states every half minute, so an abandoned certificate is revoked even when nobody prepares again.</summary>
internal sealed class PendingDeviceSignatureSweeper(PendingDeviceSignatures pending, TimeProvider time, ILogger<PendingDeviceSignatureSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await pending.SweepExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be briefly unreachable: the next tick tries again rather than stopping the host.
                logger.LogWarning(e, "Sweeping expired prepared device signatures failed");
            }
        }
    }
}

/// <summary>A prepared two-phase signature as stored: the certificate (DER) and the prepared documents (JSON).</summary>
public sealed class PreparedDeviceSignature
{
    public required string Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PartyId { get; set; }
    public required byte[] Certificate { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public long Bytes { get; set; }
    public required byte[] Documents { get; set; }
}

internal sealed class PreparedDeviceSignatureConfiguration : IEntityTypeConfiguration<PreparedDeviceSignature>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<PreparedDeviceSignature> b)
    {
        b.ToTable("prepared_device_signatures");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(64);
        // One prepared state per party: a second prepare replaces the first, on any instance.
        b.HasIndex(s => new { s.CaseId, s.PartyId }).IsUnique();
        b.HasIndex(s => s.ExpiresAt);
    }
}
