using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Logging;

/// <summary>
/// The service with <c>OneThing:Logging:Format=json</c>, every configured category at Trace, the
/// simulated registry and bank answering at once, and a <see cref="CapturedLog"/> beside the console.
/// </summary>
public sealed class JsonLogFactory : SigningApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["OneThing:Logging:Format"] = "json",
        // Every category appsettings.json names, and the default, down to Trace: the scan must see what the most verbose setting logs.
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Trace",
        ["OneThing:Workflow:Registry:Delay"] = "00:00:00",
        ["OneThing:Workflow:Bank:Delay"] = "00:00:00",
    };

    public CapturedLog Log => Services.GetServices<ILoggerProvider>().OfType<CapturedLog>().Single();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider, CapturedLog>());
    }
}
