namespace OneThing.SigningApi.Core.Entities;

/// <summary>A one-time link sent to a signer; only the SHA-256 of its secret is stored.</summary>
public sealed class AccessLink
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PartyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int IdentityFailures { get; set; }
    public DateTimeOffset? LockedAt { get; set; }
    public DateTimeOffset? IdentityVerifiedAt { get; set; }

    /// <summary>Set when a code was accepted and an access token issued: the link is spent.</summary>
    public DateTimeOffset? RedeemedAt { get; set; }

    public string? CodeHash { get; set; }
    public DateTimeOffset? CodeSentAt { get; set; }
    public DateTimeOffset? CodeExpiresAt { get; set; }
    public int CodeAttempts { get; set; }

    /// <summary>Wrong codes over every code sent on this link; unlike <see cref="CodeAttempts"/> a resend never resets it.</summary>
    public int CodeFailures { get; set; }

    /// <summary>Codes sent on this link (each one an SMS to the party).</summary>
    public int CodesSent { get; set; }

    public Guid Version { get; set; }
}
