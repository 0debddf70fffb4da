namespace OneThing.SigningApi.Core;

/// <summary>
/// One holder's turn at a case through <see cref="CaseSigningGate"/>: while it is held, no other request on
/// any instance works on the case's documents. Work that is only safe for the turn's holder takes it as a
/// parameter (<see cref="CaseDocumentFiles.StageNextRevisionsAsync"/> replacing an orphaned revision).
/// </summary>
public sealed class CaseTurn : IAsyncDisposable
{
    private readonly Func<ValueTask> _release;
    private int _released;

    internal CaseTurn(Guid caseId, Func<ValueTask> release)
    {
        CaseId = caseId;
        _release = release;
    }

    public Guid CaseId { get; }

    /// <summary>True until the turn is given back.</summary>
    public bool IsHeld => Volatile.Read(ref _released) == 0;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) != 0 ? ValueTask.CompletedTask : _release();
}
