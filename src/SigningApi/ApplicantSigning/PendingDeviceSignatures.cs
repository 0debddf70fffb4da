using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
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
/// </summary>
public sealed class PendingDeviceSignatures(IServiceScopeFactory scopes, TimeProvider time, IOptions<ApplicantSigningOptions> options)
{
    /// <returns>The new state's id; the party's earlier prepared state, if any, is void.</returns>
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
            var voided = states.Where(s => s.ExpiresAt <= now || (s.CaseId == pending.CaseId && s.PartyId == pending.PartyId));
            await db.WriteAsync(c => voided.ExecuteDeleteAsync(c), () => voided.ExecuteDelete(), ct);
            var held = await states.SumAsync(s => s.Bytes, ct);
            if (held + pending.Bytes > options.Value.DeviceSigningMemoryBytes)
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "Too many on-device signatures are being prepared right now; try again in a minute.", "signing-busy");
            db.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same party prepared on another instance at the same moment: the later one replaces it.
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

    public async Task RemoveAsync(string id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var state = db.Set<PreparedDeviceSignature>().Where(s => s.Id == id);
        await db.WriteAsync(c => state.ExecuteDeleteAsync(c), () => state.ExecuteDelete(), ct);
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
