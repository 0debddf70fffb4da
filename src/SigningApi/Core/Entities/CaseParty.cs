namespace OneThing.SigningApi.Core.Entities;

/// <summary>An applicant who signs the case's documents (borrower or co-borrower).</summary>
public sealed class CaseParty
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>Signature field name in every document, e.g. <c>Borrower</c>, <c>CoBorrower1</c>.</summary>
    public required string FieldName { get; set; }
    public required string Role { get; set; }
    public int SigningOrder { get; set; }
    public required string Name { get; set; }

    /// <summary>18-character resident ID number, compared exactly at the identity check.</summary>
    public required string IdNumber { get; set; }
    public required string Phone { get; set; }

    public PartyStatus Status { get; set; }
    public DateTimeOffset? IdentityVerifiedAt { get; set; }

    /// <summary>
    /// The link whose code check opened the party's live access session: applicant tokens name their
    /// link, and only a token of this one is accepted. Null when no session is live (re-invited,
    /// declined, cancelled, expired). Consent, read marks and handwriting belong to this session.
    /// </summary>
    public Guid? AccessLinkId { get; set; }
    public DateTimeOffset? ConsentAcceptedAt { get; set; }
    public string? ConsentTextHash { get; set; }
    public byte[]? HandwritingPng { get; set; }
    public DateTimeOffset? SignedAt { get; set; }
    public DateTimeOffset? DeclinedAt { get; set; }
    public string? DeclineReason { get; set; }

    /// <summary>Comma-separated <c>kind@revision</c> of the documents this party opened in the live session (signing needs all of them).</summary>
    public string DocumentsRead { get; set; } = "";

    public Guid Version { get; set; }
}

public enum PartyStatus
{
    Invited,
    Signed,
    Declined,
}
