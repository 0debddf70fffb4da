
namespace OneThing.SigningApi.Core.Configuration;

/// <summary>The resolved embedded-mode data folder (created on first use).</summary>
public sealed record DataDirectory(string Path)
{
    public static DataDirectory Resolve(OneThingOptions options, IHostEnvironment environment)
    {
        var path = System.IO.Path.GetFullPath(options.DataDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(path);
        return new DataDirectory(path);
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
