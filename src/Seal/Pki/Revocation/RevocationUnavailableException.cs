namespace OneThing.Seal.Pki.Revocation;

/// <summary>No trustworthy revocation evidence could be obtained for a certificate (unreachable, wrong or unverifiable answer).</summary>
public sealed class RevocationUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
