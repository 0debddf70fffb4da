namespace OneThing.Fuzz.Tests;

/// <summary>The inputs copied beside the tests: fixed findings and hand-made edge cases, by harness.</summary>
internal static class StoredInputs
{
    public static string Findings => Path.Combine(AppContext.BaseDirectory, "Findings");

    public static string EdgeCases => Path.Combine(AppContext.BaseDirectory, "edge-cases");

    /// <summary>The harnesses an edge-case folder feeds: the PDF cases serve both PDF harnesses.</summary>
    public static IEnumerable<string> HarnessesOf(string edgeCaseFolder) =>
        edgeCaseFolder == "pdf" ? ["pdf-reader", "verify"] : [edgeCaseFolder];

    public static TheoryData<string, string> FindingFiles() => Files(Findings, folder => [folder]);

    public static TheoryData<string, string> EdgeCaseFiles() => Files(EdgeCases, HarnessesOf);

    private static TheoryData<string, string> Files(string root, Func<string, IEnumerable<string>> harnesses)
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                foreach (var harness in harnesses(Path.GetFileName(folder)))
                {
                    data.Add(harness, Path.GetRelativePath(root, file));
                }
            }
        }
        return data;
    }
}
