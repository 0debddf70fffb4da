
namespace OneThing.SigningApi.Core.Idempotency;

/// <summary>A state-changing request seen under an Idempotency-Key, with the response to replay.</summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }
    public required string Caller { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? Location { get; set; }
}
