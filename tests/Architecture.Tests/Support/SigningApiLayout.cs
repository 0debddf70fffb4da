using System.Reflection;

namespace OneThing.Architecture.Tests.Support;

/// <summary>
/// The service's top-level namespaces, read from its assembly: Core and Persistence (the case core),
/// Hosting (the composition root) and every other one a feature.
/// </summary>
internal static class SigningApiLayout
{
    public const string Root = "OneThing.SigningApi";
    public static readonly string[] CoreParts = ["Core", "Persistence"];
    public const string CompositionRoot = "Hosting";

    public static Assembly Assembly { get; } = Assembly.Load("OneThing.SigningApi");

    /// <summary>Second segment of every namespace under <see cref="Root"/> that holds a type.</summary>
    public static IReadOnlyList<string> TopLevelParts { get; } = Assembly.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith(Root + ".", StringComparison.Ordinal))
        .Select(n => n![(Root.Length + 1)..].Split('.')[0])
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> Features { get; } = TopLevelParts
        .Where(p => !CoreParts.Contains(p) && p != CompositionRoot)
        .ToList();

    public static string Namespace(string part) => $"{Root}.{part}";
}
