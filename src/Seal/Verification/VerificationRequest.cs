using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification;

/// <summary>What the relying party brings to one verification: its trust anchors and whether the network may be used.</summary>
public sealed record VerificationRequest(TrustAnchors Anchors, bool Online = false);
