using Microsoft.Extensions.Logging.Abstractions;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>Opens (or provisions, in development mode) the PKI directory the demo, sign and ltv-renew commands use.</summary>
internal static class DemoPki
{
    public const string DefaultBaseUrl = "http://localhost:5000";

    /// <param name="algorithm">The key family of a PKI provisioned here; an existing PKI of another family is refused, not mixed.</param>
    public static ProductPki OpenOrProvision(string directory, string baseUrl, string? centreName, string? sealCode, TextWriter error, KeyAlgorithm? algorithm = null)
    {
        var options = new PkiOptions { Mode = PkiMode.Development, Directory = directory, BaseUrl = baseUrl, KeyAlgorithm = algorithm ?? KeyAlgorithm.EcdsaP256 };
        if (!string.IsNullOrWhiteSpace(centreName))
        {
            options.Centres.Add(new CentreSealOptions { CentreName = centreName, SealCode = string.IsNullOrWhiteSpace(sealCode) ? PkiProvisioner.SampleCentre.SealCode : sealCode });
            options.Officers.Add(new OfficerOptions { OfficerId = PkiProvisioner.SampleOfficer.OfficerId, Name = PkiProvisioner.SampleOfficer.Name, CentreName = centreName });
        }
        var existed = PkiDirectory.Exists(directory);
        var pki = PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System);
        if (algorithm is { } wanted && pki.KeyAlgorithm != wanted)
        {
            pki.Dispose();
            throw new InvalidOperationException($"the PKI in {Path.GetFullPath(directory)} has {pki.KeyAlgorithm} keys, not {wanted}: choose another --out or --pki directory");
        }
        if (pki.IsDevelopment)
        {
            error.WriteLine($"warning: {(existed ? "using" : "provisioned")} the DEVELOPMENT PKI in {Path.GetFullPath(directory)}: throw-away keys, no legal value.");
        }
        return pki;
    }
}
