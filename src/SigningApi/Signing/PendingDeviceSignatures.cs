using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.X509;

namespace OneThing.SigningApi.Signing;

/// <summary>One document's prepared placeholder revision, valid only while the document is still at <c>Revision</c>.</summary>
public sealed record PreparedDocument(string Kind, int Revision, string Sha256, byte[] State);

public sealed record PendingDeviceSignature(Guid CaseId, Guid PartyId, X509Certificate Certificate, DateTimeOffset ExpiresAt, IReadOnlyList<PreparedDocument> Documents);

/// <summary>
/// Prepared two-phase signatures waiting for the device's values, by an unguessable id. They hold
/// nothing of record (the documents commit only on completion), so they live in memory and expire
/// with the short-lived certificate window; a restarted or other instance answers "prepare again".
/// </summary>
public sealed class PendingDeviceSignatures(TimeProvider time)
{
    private const int MaxPending = 10_000;
    private readonly ConcurrentDictionary<string, PendingDeviceSignature> _pending = new(StringComparer.Ordinal);

    public string Add(PendingDeviceSignature pending)
    {
        Sweep();
        if (_pending.Count >= MaxPending) throw new InvalidOperationException("too many two-phase signatures pending");
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        _pending[id] = pending;
        return id;
    }

    public PendingDeviceSignature? Find(string id) =>
        _pending.TryGetValue(id, out var p) && p.ExpiresAt > time.GetUtcNow() ? p : null;

    public void Remove(string id) => _pending.TryRemove(id, out _);

    private void Sweep()
    {
        var now = time.GetUtcNow();
        foreach (var (id, p) in _pending)
            if (p.ExpiresAt <= now) _pending.TryRemove(id, out _);
    }
}
