using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>
/// The service trusting an external staff issuer (<see cref="TestStaffIssuer"/>, through
/// <c>OneThing:Auth:JwksUrl</c>) and sending SMS through the Kannel outbox to a <see cref="TestSmsGateway"/>:
/// production auth mode, in the Development host environment.
/// </summary>
public class ExternalIssuerFactory : SigningApiFactory
{
    public TestStaffIssuer Issuer { get; } = TestStaffIssuer.StartAsync().GetAwaiter().GetResult();
    public TestSmsGateway Sms { get; } = TestSmsGateway.StartAsync().GetAwaiter().GetResult();

    /// <summary>Settings a derived factory adds (or overrides).</summary>
    protected virtual IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>();

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["OneThing:Auth:JwksUrl"] = Issuer.JwksUrl.ToString(),
                ["OneThing:Auth:Issuer"] = TestStaffIssuer.Issuer,
                ["OneThing:Auth:Audience"] = TestStaffIssuer.Audience,
                // The test issuer speaks plain HTTP on 127.0.0.1.
                ["OneThing:Auth:RequireHttpsMetadata"] = "false",
                ["OneThing:Auth:ApplicantTokenKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["OneThing:Sms:Provider"] = "Kannel",
                ["OneThing:Sms:Kannel:SendUrl"] = Sms.Url.ToString(),
                ["OneThing:Sms:Kannel:Username"] = TestSmsGateway.Username,
                ["OneThing:Sms:Kannel:Password"] = TestSmsGateway.Password,
            };
            foreach (var (key, value) in MoreSettings) settings[key] = value;
            return settings;
        }
    }

    public HttpClient As(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Issuer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Sms.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

/// <summary>
/// The service in the Production host environment with every setting a production start needs: the
/// external issuer and SMS gateway above, a production PKI (made here with the PKI's own provisioning,
/// as <c>onething pki init --production</c> does), and the external registry and bank.
/// </summary>
public class ProductionFactory : ExternalIssuerFactory
{
    private const string PkiPassword = "production-pki-password-for-tests";

    private string PkiFolder => Path.Combine(DataDirectory, "production-pki");

    protected override IReadOnlyDictionary<string, string> MoreSettings => new Dictionary<string, string>
    {
        ["Pki:Mode"] = "Production",
        ["Pki:Directory"] = ProvisionedPki(),
        ["Pki:KeyPassword"] = PkiPassword,
        ["OneThing:Workflow:Registry:Mode"] = "External",
        ["OneThing:Workflow:Bank:Mode"] = "External",
        ["OneThing:Centres:0:Code"] = "12510600MB0K3C2D4E",
        ["OneThing:Centres:0:Name"] = "德阳市住房公积金管理中心",
    };

    private string ProvisionedPki()
    {
        if (!Seal.Pki.Store.PkiDirectory.Exists(PkiFolder))
        {
            Seal.Pki.Store.PkiDirectory.Provision(
                new PkiOptions { Directory = PkiFolder, KeyPassword = PkiPassword, BaseUrl = "http://localhost" }, TimeProvider.System, development: false);
        }
        return PkiFolder;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        base.ConfigureWebHost(builder);
    }
}
