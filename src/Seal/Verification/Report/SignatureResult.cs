namespace OneThing.Seal.Verification.Report;

/// <summary>Everything established about one signature or document timestamp.</summary>
public sealed record SignatureResult
{
    public required string FieldName { get; init; }
    public required SignatureKind Kind { get; init; }
    public string? SubFilter { get; init; }
    /// <summary>Index (0-based) of the revision whose bytes the signature covers.</summary>
    public int? Revision { get; init; }
    public IReadOnlyList<long> ByteRange { get; init; } = [];
    public bool CoversWholeFile { get; init; }
    public CertificateInfo? Signer { get; init; }
    public IReadOnlyList<CertificateInfo> Chain { get; init; } = [];
    public string? DigestAlgorithm { get; init; }
    public string? SignatureAlgorithm { get; init; }
    /// <summary>Time the signer claims (/M or the signing-time attribute); not proof of anything.</summary>
    public DateTimeOffset? ClaimedTime { get; init; }
    /// <summary>Time proven by the signature timestamp (or, for a document timestamp, its own time).</summary>
    public DateTimeOffset? TimestampedTime { get; init; }
    public TimestampResult? Timestamp { get; init; }
    /// <summary>The GB/T 38540 seal the signature carries, if any (its checks are of kind <see cref="CheckKind.ElectronicSeal"/>).</summary>
    public ElectronicSealResult? ElectronicSeal { get; init; }
    public PadesLevel Level { get; init; }
    public IReadOnlyList<CheckResult> Checks { get; init; } = [];

    public bool IsValid => Checks.Count > 0 && Checks.All(c => c.IsAcceptable) && (Timestamp?.IsValid ?? true);
}
