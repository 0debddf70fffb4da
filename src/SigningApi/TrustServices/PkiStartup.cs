using OneThing.Seal.Pki;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.TrustServices;

/// <summary>Loads (or provisions) the PKI while the host starts, so a missing key or wrong password stops start-up instead of the first signature.</summary>
internal sealed class PkiStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<ProductPki>();
            // The SM2 PKI and the sm2 centres' seals too, when any centre signs in that family.
            _ = services.GetRequiredService<CentrePkis>();
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException or Net.Pkcs11Interop.Common.Pkcs11Exception)
        {
            throw new StartupConfigurationException($"PKI ({PkiOptions.SectionName}): {e.Message}");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
