using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Whose turn it is. In a parallel case every signer may sign at once; in a sequential case a signer's
/// turn comes when everyone before them in the signing order has signed. Invitations follow the turn:
/// nobody is sent a link they could only use to be told to wait.
/// </summary>
public static class SigningTurns
{
    /// <summary>The signers before <paramref name="party"/> who have not signed yet (empty when it is their turn).</summary>
    public static IReadOnlyList<CaseParty> WaitingFor(SigningCase c, CaseParty party) =>
        c.SigningOrder == SigningOrder.Sequential
            ? [.. c.Parties.Where(p => p.SigningOrder < party.SigningOrder && p.Status != PartyStatus.Signed).OrderBy(p => p.SigningOrder)]
            : [];

    public static bool IsTurnOf(SigningCase c, CaseParty party) => WaitingFor(c, party).Count == 0;

    /// <summary>The signers to invite when the case opens: all of them, or in a sequential case the first in order.</summary>
    public static IReadOnlyList<CaseParty> InvitedAtIntake(SigningCase c) =>
        [.. c.Parties.Where(p => IsTurnOf(c, p)).OrderBy(p => p.SigningOrder)];

    /// <summary>
    /// The signers whose turn came because <paramref name="signer"/> has just signed (their status already
    /// Signed): those still to sign who were waiting only for them. Always empty in a parallel case.
    /// </summary>
    public static IReadOnlyList<CaseParty> TurnCameBy(SigningCase c, CaseParty signer) =>
        c.SigningOrder != SigningOrder.Sequential
            ? []
            // Before this signature each of them waited for the signer (who comes earlier and had not signed); now nobody.
            : [.. c.Parties.Where(p => p.Status == PartyStatus.Invited && p.SigningOrder > signer.SigningOrder && IsTurnOf(c, p)).OrderBy(p => p.SigningOrder)];
}
