namespace OneThing.Seal.Verification.Report;

/// <summary>The GB/T 38540 seal a signature carries (<c>/OneThing.SES_Signature</c>): what the seal says and who made it.</summary>
public sealed record ElectronicSealResult
{
    public required int Version { get; init; }
    public required string Name { get; init; }
    public required string EsId { get; init; }
    public required int Type { get; init; }
    public required string VendorId { get; init; }
    public required DateTimeOffset ValidStart { get; init; }
    public required DateTimeOffset ValidEnd { get; init; }
    /// <summary>The time in TBS_Sign (the signer's own statement, like /M).</summary>
    public DateTimeOffset? SignedTime { get; init; }
    /// <summary>The seal maker's certificate (制章人).</summary>
    public CertificateInfo? Maker { get; init; }
}
