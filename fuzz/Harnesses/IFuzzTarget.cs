namespace OneThing.Fuzz.Harnesses;

/// <summary>
/// One entry point that takes bytes from strangers, with the properties it must keep for every input.
/// <see cref="Run"/> returns normally when the properties hold; any exception that escapes it is a
/// finding (AFL++ records it as a crash), including <see cref="PropertyViolationException"/>.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The harness name used by scripts/fuzz/run.sh and the findings folders.</summary>
    string Name { get; }

    /// <summary>
    /// Assemblies (file names in the build output) that sharpfuzz instruments for this harness, each
    /// optionally followed by type or namespace prefixes: AFL++ sees coverage only inside these.
    /// </summary>
    IReadOnlyList<string> Instrumented { get; }

    void Run(ReadOnlySpan<byte> input);
}
