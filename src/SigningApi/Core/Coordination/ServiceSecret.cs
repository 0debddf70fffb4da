namespace OneThing.SigningApi.Core.Coordination;

/// <summary>
/// A secret every instance must share (a token-signing key made on first start when configuration
/// gives none). Kept in the case database so a second instance finds the first one's key, not its own.
/// </summary>
public sealed class ServiceSecret
{
    public required string Name { get; set; }
    public required byte[] Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
