namespace OneThing.Seal.Signing;

/// <summary>Signing could not be done as asked (no such field, already signed, document locked, TSA failure, …); nothing was produced.</summary>
public sealed class SigningException(string message, Exception? inner = null) : Exception(message, inner);
