using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.SigningApi.Core.Problems;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.ApplicantSigning;

public sealed record PendingDeviceSignature(Guid CaseId, Guid PartyId, X509Certificate Certificate, DateTimeOffset ExpiresAt, IReadOnlyList<PreparedDocument> Documents)
{
    /// <summary>Memory held: each document's state carries its whole prepared revision.</summary>
    public long Bytes => Documents.Sum(d => (long)d.State.Length);
}

/// <summary>
/// Prepared two-phase signatures waiting for the device's values, by an unguessable id. They hold
/// nothing of record (the documents commit only on completion), so they live in memory and expire
/// with the short-lived certificate window; a restarted or other instance answers "prepare again".
/// Each state carries whole prepared documents (~1 MB a case), so a party has at most one (preparing
/// again replaces it) and all of them together stay within <see cref="ApplicantSigningOptions.DeviceSigningMemoryBytes"/>.
/// Each state owns one certificate: a state that is replaced has it revoked as superseded, one that
/// expires or is abandoned (the party signs otherwise or declines) as cessationOfOperation, so no
/// certificate binding the applicant's name to a device key outlives its use.
/// </summary>
public sealed class PendingDeviceSignatures(TimeProvider time, IOptions<ApplicantSigningOptions> options, ProductPki pki, ILogger<PendingDeviceSignatures> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PendingDeviceSignature> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Case, Guid Party), string> _byParty = [];
    private long _bytes;

    /// <returns>The new state's id; the party's earlier prepared state, if any, is void.</returns>
    /// <exception cref="ApiProblemException">503 when the memory for prepared signatures is used up.</exception>
    public string Add(PendingDeviceSignature pending)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        lock (_lock)
        {
            SweepLocked();
            if (_byParty.TryGetValue((pending.CaseId, pending.PartyId), out var earlier)) RemoveLocked(earlier, RevocationReason.Superseded);
            if (_bytes + pending.Bytes > options.Value.DeviceSigningMemoryBytes)
            {
                Revoke(pending.Certificate, RevocationReason.CessationOfOperation);
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "Too many on-device signatures are being prepared right now; try again in a minute.", "signing-busy");
            }
            _byId[id] = pending;
            _byParty[(pending.CaseId, pending.PartyId)] = id;
            _bytes += pending.Bytes;
        }
        return id;
    }

    public PendingDeviceSignature? Find(string id)
    {
        lock (_lock)
        {
            return _byId.TryGetValue(id, out var p) && p.ExpiresAt > time.GetUtcNow() ? p : null;
        }
    }

    /// <summary>The state was completed: its certificate is in the signed documents and stays valid.</summary>
    public void Remove(string id)
    {
        lock (_lock) RemoveLocked(id, revoke: null);
    }

    /// <summary>The party finished another way (signed on the server, declined): their prepared state is abandoned.</summary>
    public void Abandon(Guid caseId, Guid partyId)
    {
        lock (_lock)
        {
            if (_byParty.TryGetValue((caseId, partyId), out var id)) RemoveLocked(id, RevocationReason.CessationOfOperation);
        }
    }

    /// <summary>Drops expired states and revokes their certificates (run on every prepare and by <see cref="PendingDeviceSignatureSweeper"/>).</summary>
    public void SweepExpired()
    {
        lock (_lock) SweepLocked();
    }

    private void RemoveLocked(string id, RevocationReason? revoke)
    {
        if (!_byId.Remove(id, out var p)) return;
        _byParty.Remove((p.CaseId, p.PartyId));
        _bytes -= p.Bytes;
        if (revoke is { } reason) Revoke(p.Certificate, reason);
    }

    private void SweepLocked()
    {
        var now = time.GetUtcNow();
        foreach (var id in _byId.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList()) RemoveLocked(id, RevocationReason.CessationOfOperation);
    }

    private void Revoke(X509Certificate certificate, RevocationReason reason)
    {
        try
        {
            pki.Revoke(certificate.SerialNumber, reason);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IOException)
        {
            // Already revoked, or the journal cannot be written: the certificate still expires with the window.
            logger.LogWarning(e, "Could not revoke the prepared certificate {Serial} ({Reason})", certificate.SerialNumber.ToString(16), reason);
        }
    }
}

/// <summary>Sweeps expired prepared states every half minute, so an abandoned certificate is revoked even when nobody prepares again.</summary>
internal sealed class PendingDeviceSignatureSweeper(PendingDeviceSignatures pending, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken)) pending.SweepExpired();
    }
}
