using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.TrustServices;
using OneThing.SigningApi.Web;

try
{
    var builder = WebApplication.CreateBuilder(args);
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
