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

    /// <summary>
    /// SHA-256 of the secret given (as a cookie) to the client that last passed the name + ID check on
    /// this link: only that client may ask for or enter the code, so a forwarded link is not enough.
    /// </summary>
    public string? IdentitySessionHash { get; set; }

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
