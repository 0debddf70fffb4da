using System.Reflection;

namespace OneThing.Architecture.Tests.Support;

/// <summary>The checkout the tests were built from, so source-level rules read the real tree.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = typeof(RepositoryRoot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);
}
