using System.Runtime.CompilerServices;
using OneThing.Storage.Documents;
using OneThing.Storage.Errors;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>Whether the store is reachable; flipped by a test. One write can also be made to fail alone.</summary>
public sealed class StoreOutage
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(7);
    private volatile bool _down;
    private Func<DocumentKey, bool>? _failOnePut;
    private Func<DocumentKey, bool>? _landThenFailPuts;

    public bool Down { get => _down; set => _down = value; }

    /// <summary>The next write whose key matches fails as unreachable; every other call goes through.</summary>
    public void FailOnePut(Func<DocumentKey, bool> match) => Volatile.Write(ref _failOnePut, match);

    /// <summary>
    /// Every write whose key matches is stored and then reported as failed (until set to null): writes that
    /// timed out on the client while the server went on to store them.
    /// </summary>
    public void LandThenFailPuts(Func<DocumentKey, bool>? match) => Volatile.Write(ref _landThenFailPuts, match);

    internal bool TakeFailure(DocumentKey key)
    {
        var match = Volatile.Read(ref _failOnePut);
        return match is not null && match(key) && Interlocked.CompareExchange(ref _failOnePut, null, match) == match;
    }

    internal bool LandsThenFails(DocumentKey key) => Volatile.Read(ref _landThenFailPuts) is { } match && match(key);
}

/// <summary>
/// Wraps the service's real document store and, while the outage is on, fails every call the way the
/// store does after its retry budget (<see cref="DocumentStoreUnavailableException"/>). The store's own
/// outage behaviour against a stopped S3 server is proven in Storage.Tests; this checks the API's side.
/// </summary>
public sealed class OutageDocumentStore(IDocumentStore inner, StoreOutage outage) : IDocumentStore
{
    public string Kind => inner.Kind;

    public Task EnsureReadyAsync(CancellationToken cancellationToken) => Call(() => inner.EnsureReadyAsync(cancellationToken));

    public async Task<StoredObjectInfo> PutAsync(DocumentKey key, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        if (outage.TakeFailure(key)) throw new DocumentStoreUnavailableException($"writing {key} failed (injected)", StoreOutage.RetryAfter);
        var stored = await Call(() => inner.PutAsync(key, content, contentType, cancellationToken));
        if (outage.LandsThenFails(key)) throw new DocumentStoreUnavailableException($"writing {key} timed out (injected; it was stored)", StoreOutage.RetryAfter);
        return stored;
    }

    public Task<StoredDocument> GetAsync(DocumentKey key, string? expectedSha256, CancellationToken cancellationToken) =>
        Call(() => inner.GetAsync(key, expectedSha256, cancellationToken));

    public Task<StoredObjectInfo?> StatAsync(DocumentKey key, CancellationToken cancellationToken) => Call(() => inner.StatAsync(key, cancellationToken));

    public async IAsyncEnumerable<StoredObjectEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDown();
        await foreach (var entry in inner.ListAsync(cancellationToken)) yield return entry;
    }

    public Task DeleteAsync(DocumentKey key, CancellationToken cancellationToken) => Call(() => inner.DeleteAsync(key, cancellationToken));

    public Task<DownloadLink> CreateDownloadLinkAsync(DocumentKey key, DownloadRequest request, CancellationToken cancellationToken) =>
        Call(() => inner.CreateDownloadLinkAsync(key, request, cancellationToken));

    private Task<T> Call<T>(Func<Task<T>> call)
    {
        ThrowIfDown();
        return call();
    }

    private Task Call(Func<Task> call)
    {
        ThrowIfDown();
        return call();
    }

    private void ThrowIfDown()
    {
        if (outage.Down) throw new DocumentStoreUnavailableException("document store unreachable (outage)", StoreOutage.RetryAfter);
    }
}
