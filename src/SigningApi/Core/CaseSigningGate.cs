
namespace OneThing.SigningApi.Core;

/// <summary>
/// Lets one signature at a time work on a case inside this instance. Co-signers of a parallel case
/// would otherwise both read revision n of every document, both do the full signing work, and the
/// later commit would be refused (409 concurrent-change) and thrown away. Waiting here costs the
/// second signer a few milliseconds instead. Across instances the optimistic concurrency check on
/// the revisions remains the guard.
/// </summary>
public sealed class CaseSigningGate
{
    private readonly Dictionary<Guid, Turnstile> _cases = [];
    private readonly Lock _lock = new();

    /// <summary>Cases with a signature in progress or waiting (for tests: entries never outlive their users).</summary>
    internal int ActiveCases
    {
        get
        {
            lock (_lock) return _cases.Count;
        }
    }

    public async Task<IDisposable> EnterAsync(Guid caseId, CancellationToken ct)
    {
        Turnstile turnstile;
        lock (_lock)
        {
            if (!_cases.TryGetValue(caseId, out turnstile!)) _cases[caseId] = turnstile = new Turnstile();
            turnstile.Users++;
        }
        try
        {
            await turnstile.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(caseId, turnstile, entered: false);
            throw;
        }
        return new Turn(this, caseId, turnstile);
    }

    private void Leave(Guid caseId, Turnstile turnstile, bool entered)
    {
        if (entered) turnstile.Semaphore.Release();
        lock (_lock)
        {
            if (--turnstile.Users > 0) return;
            _cases.Remove(caseId);
        }
        turnstile.Semaphore.Dispose();
    }

    private sealed class Turnstile
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Turn(CaseSigningGate gate, Guid caseId, Turnstile turnstile) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) gate.Leave(caseId, turnstile, entered: true);
        }
    }
}
