namespace OneThing.Seal.Pki.Timestamps;

/// <summary>The timestamp authority could not be reached or answered wrongly; nothing may be signed without a trusted time.</summary>
public sealed class TimestampUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
