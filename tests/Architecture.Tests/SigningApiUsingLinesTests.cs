using System.Text.RegularExpressions;
using OneThing.Architecture.Tests.Support;

namespace OneThing.Architecture.Tests;

/// <summary>
/// The same rule as a newcomer reads it: the `using OneThing.SigningApi.*` lines of a feature's
/// source files name only Core, Persistence and the feature itself.
/// </summary>
public sealed partial class SigningApiUsingLinesTests
{
    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?OneThing\.SigningApi\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex ServiceUsing();

    public static TheoryData<string> Features() => new(SigningApiLayout.Features);

    [Theory]
    [MemberData(nameof(Features))]
    public void A_features_using_lines_name_only_core_persistence_and_itself(string feature)
    {
        var folder = RepositoryRoot.Combine("src", "SigningApi", feature);
        Assert.True(Directory.Exists(folder), $"feature {feature} has no folder {folder}");
        var allowed = SigningApiLayout.CoreParts.Append(feature).ToHashSet(StringComparer.Ordinal);
        var offending = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => ServiceUsing().Matches(File.ReadAllText(file))
                .Select(m => m.Groups[1].Value)
                .Where(part => !allowed.Contains(part))
                .Select(part => $"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {part}"))
            .ToList();
        Assert.True(offending.Count == 0, string.Join("\n", offending));
    }
}
