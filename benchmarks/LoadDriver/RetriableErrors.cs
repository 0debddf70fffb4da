using System.Collections.Concurrent;

namespace OneThing.LoadDriver;

/// <summary>
/// The errors a client retries (a reset or refused connection, 502/503/504, 409 idempotency-in-progress),
/// counted by kind: behind a proxy with an instance dying, these are expected and each must succeed on
/// a later attempt with the same Idempotency-Key; anything else fails the case.
/// </summary>
public sealed class RetriableErrors
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);

    public void Seen(string kind) => _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> ByKind => new Dictionary<string, int>(_byKind, StringComparer.Ordinal);

    public int Total => _byKind.Values.Sum();
}
