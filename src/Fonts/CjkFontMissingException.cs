namespace OneThing.Fonts;

/// <summary>The CJK font file is absent or unreadable; the message says how to provide it.</summary>
public sealed class CjkFontMissingException(string message, Exception? inner = null) : Exception(message, inner);
