namespace OneThing.Fuzz.Harnesses;

/// <summary>A harness property failed for an input (wrong exception type escaped, too slow, a read-back differed).</summary>
public sealed class PropertyViolationException(string message, Exception? inner = null) : Exception(message, inner);
