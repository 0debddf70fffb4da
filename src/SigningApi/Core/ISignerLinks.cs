using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Signing links for a case's parties. Intake invites the signers it opens a case with; applicant
/// access owns how a link is made and worded, and implements this.
/// </summary>
public interface ISignerLinks
{
    /// <summary>Adds a new link for the party to the scope's unit of work; returns its URL (valid once committed).</summary>
    Uri CreateLink(SigningCase signingCase, CaseParty party);

    /// <summary>The SMS that carries the link to the party.</summary>
    string InvitationText(SigningCase signingCase, Uri url);

    /// <summary>
    /// After the case's deadline moved later: its live links that the old deadline cut short run on to their own
    /// lifetime, never past the new deadline (added to the scope's unit of work).
    /// </summary>
    Task ExtendLinksAsync(SigningCase signingCase, DateTimeOffset oldDeadline, CancellationToken ct);
}
