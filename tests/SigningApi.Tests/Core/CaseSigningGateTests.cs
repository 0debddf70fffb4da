using OneThing.SigningApi.Core;

namespace OneThing.SigningApi.Tests.Core;

public sealed class CaseSigningGateTests
{
    private readonly CaseSigningGate _gate = new();

    [Fact]
    public async Task A_second_signature_on_the_same_case_waits_for_the_first_to_finish()
    {
        var caseId = Guid.NewGuid();
        var first = await _gate.EnterAsync(caseId, CancellationToken.None);

        var second = _gate.EnterAsync(caseId, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(5))).DisposeAsync();
        Assert.Equal(0, _gate.ActiveCases);
    }

    [Fact]
    public async Task Signatures_on_different_cases_do_not_wait_for_each_other()
    {
        await using var first = await _gate.EnterAsync(Guid.NewGuid(), CancellationToken.None);

        var other = _gate.EnterAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        await (await other).DisposeAsync();
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_no_trace_and_does_not_block_later_signers()
    {
        var caseId = Guid.NewGuid();
        var first = await _gate.EnterAsync(caseId, CancellationToken.None);
        using var impatient = new CancellationTokenSource();

        var waiting = _gate.EnterAsync(caseId, impatient.Token);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await first.DisposeAsync();
        await first.DisposeAsync(); // a second dispose must not release someone else's turn

        Assert.Equal(0, _gate.ActiveCases);
        await using var later = await _gate.EnterAsync(caseId, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _gate.ActiveCases);
    }
}
