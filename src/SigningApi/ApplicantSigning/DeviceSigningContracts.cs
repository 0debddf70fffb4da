namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>
/// Two-phase signing, step 1: the device's public key (base64 DER SubjectPublicKeyInfo, ECDSA P-256),
/// a challenge from <c>signing/challenge</c>, and the proof: the device key's ECDSA/SHA-256 signature
/// over the challenge's ASCII bytes (base64; DER or r‖s).
/// </summary>
public sealed record DeviceSigningPrepareRequest(string PublicKey, string? Challenge, string? Proof);

/// <summary>
/// What the device signs: for each document the SHA-256 digest of the CMS signed attributes
/// (also given in full, DER, for devices that hash themselves). <c>StateId</c> goes back with the values.
/// </summary>
public sealed record DeviceSigningPrepared(string StateId, string Certificate, DateTimeOffset ExpiresAt, IReadOnlyList<DocumentToSign> Documents);

public sealed record DocumentToSign(string Kind, int Revision, string DigestToSign, string SignedAttributes);

/// <summary>Two-phase signing, step 2: one ECDSA signature value per document (base64; DER or r‖s as WebCrypto gives).</summary>
public sealed record DeviceSigningCompleteRequest(string StateId, IReadOnlyList<DocumentSignatureValue> Signatures);

public sealed record DocumentSignatureValue(string Kind, string SignatureValue);
