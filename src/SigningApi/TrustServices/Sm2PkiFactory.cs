using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Signing.ElectronicSeals;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.TrustServices;

/// <summary>
/// The SM2 PKI the service keeps beside its main one when a centre is configured <c>sm2</c>: the main PKI's options
/// with SM2 keys, its own directory (<c>{Pki:Directory}-sm2</c>), its trust services under <c>/sm2</c>, seal and
/// officer keys for the sm2 centres only, and no PKCS#11 (no token here does SM2, docs/sm2.md). Its issued and revoked
/// certificates are shared like the main PKI's (the caller attaches a <see cref="DatabaseCertificateLedger"/> of its own
/// PKI name, since the two PKIs' CAs have the same names); its directory's journal stays a local copy.
/// </summary>
internal static class Sm2PkiFactory
{
    public const string SharedSecretName = SharedDevelopmentPki.SecretName + "-sm2";

    public static PkiOptions OptionsFor(PkiOptions main, CentreDirectory centres)
    {
        var names = centres.Sm2Centres.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return new PkiOptions
        {
            Mode = main.Mode,
            Directory = main.Directory + "-sm2",
            BaseUrl = main.BaseUrl.TrimEnd('/') + CentrePkis.Sm2PathPrefix,
            KeyAlgorithm = KeyAlgorithm.Sm2,
            KeyPassword = main.KeyPassword,
            Centres = [.. main.Centres.Where(c => names.Contains(c.CentreName))],
            Officers = [.. main.Officers.Where(o => names.Contains(o.CentreName))],
            CrlValidity = main.CrlValidity,
            OcspResponseValidity = main.OcspResponseValidity,
            ApplicantCertificateValidity = main.ApplicantCertificateValidity,
            TimestampPolicyOid = main.TimestampPolicyOid,
            TimestampAccuracyMillis = main.TimestampAccuracyMillis,
        };
    }

    public static ProductPki Open(PkiOptions main, CentreDirectory centres, SharedSecrets secrets, TimeProvider clock, ILogger logger)
    {
        var options = OptionsFor(main, centres);
        if (options.Mode == PkiMode.Development) SharedDevelopmentPki.Materialize(options, secrets, clock, logger, SharedSecretName);
        return PkiDirectory.OpenOrProvision(options, logger, clock);
    }

    /// <summary>
    /// Each sm2 centre's GB/T 38540 seal by centre name: read from <see cref="CentreOptions.SealFile"/> and checked (a v4
    /// seal listing the centre's seal certificate), or, for a development PKI without one, made by a development seal maker.
    /// </summary>
    public static IReadOnlyDictionary<string, byte[]> ElectronicSeals(ProductPki pki, CentreDirectory centres, DataDirectory data, TimeProvider clock)
    {
        var seals = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        CertifiedSigningKey? maker = null;
        try
        {
            foreach (var centre in centres.Sm2Centres)
            {
                var sealKey = pki.Seals.FirstOrDefault(s => s.CentreName == centre.Name);
                if (sealKey is null) continue; // no seal key: sealing is refused for the centre anyway ("no-seal-key")
                if (centre.SealFile is { } file)
                {
                    var path = Path.GetFullPath(file, data.Path);
                    var der = File.ReadAllBytes(path);
                    var seal = ReadSeal(der, path);
                    var listed = SesVerifier.CheckListed(seal, sealKey.Key.Certificate.GetEncoded());
                    if (seal.Version != SesWriter.Version || !listed.Passed)
                        throw new StartupConfigurationException($"{path}: the GB/T 38540 seal of {centre.Name} must be version {SesWriter.Version} and list its seal certificate ({listed.Detail})");
                    seals[centre.Name] = der;
                }
                else if (pki.IsDevelopment)
                {
                    maker ??= pki.IssueSealMakerKey();
                    seals[centre.Name] = ElectronicSealMaker.Make(maker, sealKey, clock.GetUtcNow(), TimeSpan.FromDays(365));
                }
                else
                {
                    throw new StartupConfigurationException($"{OneThingOptions.SectionName}:Centres ({centre.Code}): an sm2 centre needs SealFile, its GB/T 38540 seal from the seal platform");
                }
            }
        }
        finally
        {
            maker?.Dispose();
        }
        return seals;
    }

    private static SesSeal ReadSeal(byte[] der, string path)
    {
        try
        {
            return SesReader.ReadSeal(der);
        }
        catch (SesFormatException e)
        {
            throw new StartupConfigurationException($"{path}: not a readable GB/T 38540 seal: {e.Message}");
        }
    }
}
