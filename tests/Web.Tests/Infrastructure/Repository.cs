using System.Reflection;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>Paths in the repository and where this run's artefacts (screenshots) go.</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>$ONETHING_RUN_DIR/web-screenshots when test.sh runs us, else next to the test assembly.</summary>
    public static string ScreenshotDirectory { get; } = CreateScreenshotDirectory();

    private static string CreateScreenshotDirectory()
    {
        var run = Environment.GetEnvironmentVariable("ONETHING_RUN_DIR");
        var dir = Path.Combine(string.IsNullOrEmpty(run) ? AppContext.BaseDirectory : run, "web-screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
