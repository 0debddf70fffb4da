using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>The service on its embedded defaults (SQLite, filesystem store, development PKI and issuer) in a temp data folder.</summary>
public class SigningApiFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "onething-api-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Extra settings a test class needs (e.g. a tiny rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public ProductPki Pki => Services.GetRequiredService<ProductPki>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OneThing:DataDirectory", DataDirectory);
        builder.UseSetting("OneThing:PublicBaseUrl", "http://localhost");
        builder.UseSetting("OneThing:Access:ChecksPerWindow", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestPeerAddress>();
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestBodyMeter>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }
}
