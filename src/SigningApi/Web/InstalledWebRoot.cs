using Microsoft.Extensions.FileProviders;

namespace OneThing.SigningApi.Web;

/// <summary>
/// Where the pages and assets are read from. ASP.NET Core looks for wwwroot under the content root,
/// i.e. the working directory; an installed build started from anywhere else (a service manager's /,
/// an operator's home) then served 404 for /sign, /console and /verify although `dotnet publish` put
/// wwwroot next to the binary. A wwwroot under the content root still wins (development, tests).
/// </summary>
public static class InstalledWebRoot
{
    public const string FolderName = "wwwroot";

    /// <summary>The folder to serve: the content root's wwwroot when it exists, else the one beside the binary, else none.</summary>
    public static string? Choose(string? configuredWebRoot, string contentRoot, string baseDirectory)
    {
        if (!string.IsNullOrEmpty(configuredWebRoot) && Directory.Exists(configuredWebRoot)) return configuredWebRoot;
        var underContentRoot = Path.Combine(contentRoot, FolderName);
        if (Directory.Exists(underContentRoot)) return underContentRoot;
        var besideBinary = Path.Combine(baseDirectory, FolderName);
        return Directory.Exists(besideBinary) ? besideBinary : null;
    }

    public static void Apply(IWebHostEnvironment environment, string baseDirectory)
    {
        var chosen = Choose(environment.WebRootPath, environment.ContentRootPath, baseDirectory);
        if (chosen is null || string.Equals(chosen, environment.WebRootPath, StringComparison.Ordinal)) return;
        environment.WebRootPath = chosen;
        environment.WebRootFileProvider = new PhysicalFileProvider(chosen);
    }
}
