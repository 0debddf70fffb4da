using OneThing.Fuzz.Harnesses;

namespace OneThing.Fuzz.Tests;

/// <summary>Every hand-made edge case (fuzz/edge-cases, also a seed of every campaign) keeps its harness's properties.</summary>
public sealed class EdgeCaseReplayTests
{
    public static TheoryData<string, string> Cases() => StoredInputs.EdgeCaseFiles();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Edge_case_keeps_the_harness_properties(string harness, string file) =>
        FuzzTargets.Create(harness).Run(File.ReadAllBytes(Path.Combine(StoredInputs.EdgeCases, file)));

    [Fact]
    public void Every_edge_case_folder_feeds_a_known_harness()
    {
        var folders = Directory.EnumerateDirectories(StoredInputs.EdgeCases).Select(Path.GetFileName).ToArray();
        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.All(StoredInputs.HarnessesOf(f!), h => Assert.Contains(h, FuzzTargets.Names)));
    }
}
