using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.Tests.TrustServices;

/// <summary>The service on its embedded defaults, with its data (and so its development PKI) in a temp folder.</summary>
public sealed class TrustServicesFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "onething-trust-tests", Guid.NewGuid().ToString("N"));

    public ProductPki Pki => Services.GetRequiredService<ProductPki>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OneThing:DataDirectory", DataDirectory);
        builder.UseSetting("OneThing:PublicBaseUrl", "http://localhost");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
