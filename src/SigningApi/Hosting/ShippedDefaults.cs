using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace OneThing.SigningApi.Hosting;

/// <summary>
/// The appsettings.json shipped next to the binary holds the service's defaults — above all the log
/// levels: EF Core's per-command Information logging alone cost about a third of the CPU under load.
/// ASP.NET Core reads appsettings.json from the content root, i.e. the working directory, so a
/// build started from anywhere else (the repository root, a service manager's /) silently lost them.
/// </summary>
public static class ShippedDefaults
{
    public static void AddShippedDefaults(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        const string file = "appsettings.json";
        var baseDirectory = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(baseDirectory, file)) || File.Exists(Path.Combine(environment.ContentRootPath, file)))
            return;
        // Lowest priority: environment variables, command line and any other file still override it.
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(baseDirectory),
            Path = file,
            Optional = true,
            ReloadOnChange = false,
        });
    }
}
