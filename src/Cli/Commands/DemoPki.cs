using Microsoft.Extensions.Logging.Abstractions;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>Opens (or provisions, in development mode) the PKI directory the demo, sign and ltv-renew commands use.</summary>
internal static class DemoPki
{
    public const string DefaultBaseUrl = "http://localhost:5000";

    public static ProductPki OpenOrProvision(string directory, string baseUrl, string? centreName, string? sealCode, TextWriter error)
    {
        var options = new PkiOptions { Mode = PkiMode.Development, Directory = directory, BaseUrl = baseUrl };
        if (!string.IsNullOrWhiteSpace(centreName))
        {
            options.Centres.Add(new CentreSealOptions { CentreName = centreName, SealCode = string.IsNullOrWhiteSpace(sealCode) ? PkiProvisioner.SampleCentre.SealCode : sealCode });
            options.Officers.Add(new OfficerOptions { OfficerId = PkiProvisioner.SampleOfficer.OfficerId, Name = PkiProvisioner.SampleOfficer.Name, CentreName = centreName });
        }
        var existed = PkiDirectory.Exists(directory);
        var pki = PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System);
        if (pki.IsDevelopment)
        {
            error.WriteLine($"warning: {(existed ? "using" : "provisioned")} the DEVELOPMENT PKI in {Path.GetFullPath(directory)}: throw-away keys, no legal value.");
        }
        return pki;
    }
}
