using System.Reflection;

namespace OneThing.Architecture.Tests;

/// <summary>
/// The Seal projects reference each other one way only: the PDF and crypto layers stand alone, PKI
/// stands on crypto, signing on PDF, crypto and PKI, and verification on PDF and crypto — never on
/// signing or PKI, so a verifier cannot come to trust what the producer does.
/// </summary>
public sealed class SealProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["OneThing.Seal.Pdf"] = [],
        ["OneThing.Seal.Crypto"] = [],
        ["OneThing.Seal.Pki"] = ["OneThing.Seal.Crypto"],
        ["OneThing.Seal.Signing"] = ["OneThing.Seal.Pdf", "OneThing.Seal.Crypto", "OneThing.Seal.Pki"],
        ["OneThing.Seal.Verification"] = ["OneThing.Seal.Pdf", "OneThing.Seal.Crypto"],
    };

    public static TheoryData<string> SealAssemblies() => new(Allowed.Keys);

    [Theory]
    [MemberData(nameof(SealAssemblies))]
    public void A_seal_assembly_references_only_the_seal_assemblies_below_it(string name)
    {
        var references = Assembly.Load(name).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => r.StartsWith("OneThing.Seal", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var unexpected = references.Except(Allowed[name]).ToList();
        Assert.True(unexpected.Count == 0, $"{name} references {string.Join(", ", unexpected)}; allowed: {string.Join(", ", Allowed[name])}");
    }

    [Fact]
    public void The_seal_folder_holds_exactly_these_projects()
    {
        var projects = Directory.EnumerateFiles(Support.RepositoryRoot.Combine("src", "Seal"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => "OneThing.Seal." + Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), projects);
    }
}
