namespace OneThing.Storage.Errors;

/// <summary>A filesystem download token that is malformed, tampered with or expired.</summary>
public sealed class InvalidDownloadTokenException(string reason)
    : DocumentStoreException($"The download link is not valid: {reason}.")
{
    public string Reason { get; } = reason;
}
