using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The allowed case transitions, in one table. Anything not listed is refused, so a late or
/// repeated message cannot move a case backwards or skip a step.
/// </summary>
public static class CaseStateMachine
{
    private static readonly IReadOnlyDictionary<CaseStatus, CaseStatus[]> Allowed = new Dictionary<CaseStatus, CaseStatus[]>
    {
        [CaseStatus.Opened] = [CaseStatus.AwaitingSignatures, CaseStatus.Cancelled],
        [CaseStatus.AwaitingSignatures] = [CaseStatus.AwaitingCountersign, CaseStatus.Declined, CaseStatus.Expired, CaseStatus.Cancelled],
        [CaseStatus.AwaitingCountersign] = [CaseStatus.AwaitingSeal, CaseStatus.Cancelled],
        [CaseStatus.AwaitingSeal] = [CaseStatus.Sealed, CaseStatus.Cancelled],
        [CaseStatus.Sealed] = [CaseStatus.MortgageRegistrationRequested],
        [CaseStatus.MortgageRegistrationRequested] = [CaseStatus.MortgageRegistered],
        [CaseStatus.MortgageRegistered] = [CaseStatus.DisbursementRequested],
        [CaseStatus.DisbursementRequested] = [CaseStatus.Disbursed],
        [CaseStatus.Disbursed] = [CaseStatus.Completed],
        [CaseStatus.Completed] = [],
        [CaseStatus.Declined] = [],
        [CaseStatus.Expired] = [],
        [CaseStatus.Cancelled] = [],
    };

    public static bool CanMove(CaseStatus from, CaseStatus to) => Allowed.TryGetValue(from, out var next) && next.Contains(to);

    public static IReadOnlyList<CaseStatus> Next(CaseStatus from) => Allowed.TryGetValue(from, out var next) ? next : [];

    public static bool IsFinal(CaseStatus status) => Next(status).Count == 0;

    /// <summary>Refuses a transition the table does not allow, as a 409 problem naming both states.</summary>
    public static void EnsureCanMove(Guid caseId, CaseStatus from, CaseStatus to)
    {
        if (!CanMove(from, to))
        {
            throw ApiProblemException.Conflict(
                $"Case {caseId} is {from}; it cannot move to {to} (allowed next: {(Next(from).Count == 0 ? "none, the case is closed" : string.Join(", ", Next(from)))}).",
                "invalid-transition");
        }
    }
}
