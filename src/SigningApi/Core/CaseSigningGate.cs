
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Lets one signature at a time work on a case, across all instances. Co-signers of a parallel case
/// would otherwise both read revision n of every document, both do the full signing work, and the
/// later commit would be refused (409 concurrent-change) and thrown away. Waiting here costs the
/// second signer a few milliseconds instead. Inside the process a semaphore per case queues the
/// signers; the first in line then takes <see cref="ICaseLock"/> (a PostgreSQL advisory lock) so a
/// signer on another instance waits too. The optimistic concurrency check on the revisions remains
/// the last guard.
/// </summary>
public sealed class CaseSigningGate(ICaseLock caseLock)
{
    public CaseSigningGate() : this(new ProcessOnlyCaseLock()) { }

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

    public async Task<CaseTurn> EnterAsync(Guid caseId, CancellationToken ct)
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
        IAsyncDisposable shared;
        try
        {
            shared = await caseLock.AcquireAsync(caseId, ct);
        }
        catch
        {
            Leave(caseId, turnstile, entered: true);
            throw;
        }
        return new CaseTurn(caseId, async () =>
        {
            try
            {
                await shared.DisposeAsync();
            }
            finally
            {
                Leave(caseId, turnstile, entered: true);
            }
        });
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
}
