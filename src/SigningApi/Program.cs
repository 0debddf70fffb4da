using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.TrustServices;
using OneThing.SigningApi.Web;

try
{
    // Settings are read at start only. Reloading appsettings.json on change makes the host watch its content
    // root, i.e. the working directory, with every folder below it: deployed, that is the instance's data folder
    // (deploy/systemd), and a thread then wakes for every document, database and log write (~3 % of the CPU
    // under load). The command line or DOTNET_hostBuilder__reloadConfigOnChange=true still turn it on.
    var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.AddSigningApi();
    builder.AddTrustServices();
    builder.AddWebFrontEnds();
    var app = builder.Build();
    app.UseForwardedClientAddress();
    app.UseWebFrontEnds();
    app.MapSigningApi();
    app.MapTrustServices();
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is StartupConfigurationException or Microsoft.Extensions.Options.OptionsValidationException)
{
    // One line the operator can act on, no stack trace.
    await Console.Error.WriteLineAsync($"onething: start-up stopped: {e.Message}");
    return 1;
}

/// <summary>Entry point marker so WebApplicationFactory can find the app in tests.</summary>
public partial class Program;
