using OneThing.Fuzz.Harnesses;

namespace OneThing.Fuzz.Tests;

/// <summary>
/// Every fixed finding of the fuzzing campaigns (Findings/&lt;harness&gt;/, named after what it exposed) keeps its
/// harness's properties: the same check AFL++ made when it recorded the input as a crash.
/// </summary>
public sealed class FindingReplayTests
{
    public static TheoryData<string, string> Findings() => StoredInputs.FindingFiles();

    [Theory]
    [MemberData(nameof(Findings))]
    public void Fixed_finding_keeps_the_harness_properties(string harness, string file) =>
        FuzzTargets.Create(harness).Run(File.ReadAllBytes(Path.Combine(StoredInputs.Findings, file)));
}
