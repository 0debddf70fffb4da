namespace OneThing.Seal.Pdf;

/// <summary>The input is not a PDF this library can read (malformed, truncated, hostile or unsupported).</summary>
public sealed class PdfFormatException(string message, Exception? inner = null) : Exception(message, inner);
