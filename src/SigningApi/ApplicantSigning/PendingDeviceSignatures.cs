using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
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
/// </summary>
public sealed class PendingDeviceSignatures(TimeProvider time, IOptions<ApplicantSigningOptions> options)
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
            Sweep();
            if (_byParty.TryGetValue((pending.CaseId, pending.PartyId), out var earlier)) RemoveLocked(earlier);
            if (_bytes + pending.Bytes > options.Value.DeviceSigningMemoryBytes)
                throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable",
                    "Too many on-device signatures are being prepared right now; try again in a minute.", "signing-busy");
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

    public void Remove(string id)
    {
        lock (_lock) RemoveLocked(id);
    }

    private void RemoveLocked(string id)
    {
        if (!_byId.Remove(id, out var p)) return;
        _byParty.Remove((p.CaseId, p.PartyId));
        _bytes -= p.Bytes;
    }

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var id in _byId.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList()) RemoveLocked(id);
    }
}
