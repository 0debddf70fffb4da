using NetArchTest.Rules;
using OneThing.Architecture.Tests.Support;

namespace OneThing.Architecture.Tests;

/// <summary>
/// The service's folders as layers: features stand on the case core and never on each other, the
/// core knows no feature, and only the composition root (Hosting) sees everything. Checked on the
/// compiled types, so a fully qualified name or a `global using` cannot slip past.
/// </summary>
public sealed class SigningApiDependencyTests
{
    [Fact]
    public void The_service_has_a_core_a_composition_root_and_features()
    {
        Assert.Contains("Core", SigningApiLayout.TopLevelParts);
        Assert.Contains("Persistence", SigningApiLayout.TopLevelParts);
        Assert.Contains("Hosting", SigningApiLayout.TopLevelParts);
        // A rule over an empty feature list would pass vacuously.
        Assert.True(SigningApiLayout.Features.Count >= 8, $"features found: {string.Join(", ", SigningApiLayout.Features)}");
    }

    public static TheoryData<string> Features() => new(SigningApiLayout.Features);

    [Theory]
    [MemberData(nameof(Features))]
    public void A_feature_depends_on_no_other_feature_and_not_on_hosting(string feature)
    {
        var forbidden = SigningApiLayout.Features.Where(f => f != feature).Append(SigningApiLayout.CompositionRoot)
            .Select(SigningApiLayout.Namespace).ToArray();
        var result = Check(SigningApiLayout.Namespace(feature), forbidden);
        Assert.True(result.IsSuccessful, Describe(feature, result, forbidden));
    }

    public static TheoryData<string> CoreParts() => new(SigningApiLayout.CoreParts);

    [Theory]
    [MemberData(nameof(CoreParts))]
    public void The_core_depends_on_no_feature_and_not_on_hosting(string part)
    {
        var forbidden = SigningApiLayout.Features.Append(SigningApiLayout.CompositionRoot)
            .Select(SigningApiLayout.Namespace).ToArray();
        var result = Check(SigningApiLayout.Namespace(part), forbidden);
        Assert.True(result.IsSuccessful, Describe(part, result, forbidden));
    }

    /// <summary>
    /// NetArchTest matches namespaces by prefix, so no part may be a prefix of another, and a rule
    /// that selects no type would pass without checking anything.
    /// </summary>
    private static TestResult Check(string ns, string[] forbidden)
    {
        var all = SigningApiLayout.TopLevelParts.Select(SigningApiLayout.Namespace).ToList();
        Assert.DoesNotContain(all, a => all.Any(b => a != b && b.StartsWith(a, StringComparison.Ordinal)));
        Assert.NotEmpty(Types.InAssembly(SigningApiLayout.Assembly).That().ResideInNamespace(ns).GetTypes());
        return Types.InAssembly(SigningApiLayout.Assembly).That().ResideInNamespace(ns)
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
    }

    private static string Describe(string part, TestResult result, string[] forbidden) =>
        $"{part} must not depend on {string.Join(", ", forbidden)}; these types do: {string.Join(", ", result.FailingTypeNames ?? [])}";
}
