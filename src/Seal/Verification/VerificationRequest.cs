using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification;

/// <summary>What the relying party brings to one verification: its trust anchors and whether the network may be used.</summary>
/// <param name="OwnEvidence">
/// Revocation evidence the relying party holds itself, without the network: a service that issued the
/// certificates (and runs the TSA) judges its own documents with its own OCSP responder and CRLs, so a
/// revision signed before the seal added LTV data is still decided rather than left "unknown". Asked only
/// for certificates the document's DSS says nothing usable about; with <see cref="Online"/> the network is asked after it.
/// </param>
public sealed record VerificationRequest(TrustAnchors Anchors, bool Online = false, IRevocationFetcher? OwnEvidence = null);
