namespace OneThing.ContractTemplates.Tests.Support;

/// <summary>Finds files of the repository (samples, templates, approved snapshots) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    public static string Snapshots => Path.Combine(Root, "tests", "ContractTemplates.Tests", "Snapshots");

    public static string TemplateFile(string fileName) => Path.Combine(Root, "src", "ContractTemplates", "Templates", "Files", fileName);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OneThing.sln"))) return directory.FullName;
        }
        // Built with --artifacts-path outside the checkout: fall back to the source location recorded at build time.
        var fromSource = Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
        return File.Exists(Path.Combine(fromSource, "OneThing.sln"))
            ? fromSource
            : throw new InvalidOperationException("cannot find the repository root (OneThing.sln)");
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path)!)!;
}
