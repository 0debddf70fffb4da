using System.Runtime.CompilerServices;

namespace OneThing.Seal.Tests.Support;

/// <summary>Files of the repository (samples), found from this source file's location so any --artifacts-path works.</summary>
public static class RepositoryFiles
{
    public static string Root => FindRoot();

    public static byte[] Read(string relativePath) => File.ReadAllBytes(Path.Combine(Root, relativePath));

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourceFile), AppContext.BaseDirectory })
        {
            var dir = start is null ? null : new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneThing.sln")))
            {
                dir = dir.Parent;
            }
            if (dir is not null)
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (OneThing.sln) not found");
    }
}
