
namespace OneThing.SigningApi.Core.Idempotency;

/// <summary>A state-changing request seen under an Idempotency-Key, with the response to replay.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string Caller { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// While the first request runs: until when its instance holds the key (renewed as it runs). A claim
    /// past this is abandoned (its instance died) and a retry may take it over.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
}
