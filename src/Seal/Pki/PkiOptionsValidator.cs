using Microsoft.Extensions.Options;

namespace OneThing.Seal.Pki;

/// <summary>Checks <see cref="PkiOptions"/> at start-up so a bad setting stops the service with one clear line.</summary>
public sealed class PkiOptionsValidator : IValidateOptions<PkiOptions>
{
    public ValidateOptionsResult Validate(string? name, PkiOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Directory))
        {
            errors.Add("Pki:Directory must name the PKI directory.");
        }

        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Pki:BaseUrl '{options.BaseUrl}' must be an absolute http(s) URL (it goes into every certificate).");
        }

        if (options.CrlValidity <= TimeSpan.Zero || options.OcspResponseValidity <= TimeSpan.Zero || options.ApplicantCertificateValidity <= TimeSpan.Zero)
        {
            errors.Add("Pki:CrlValidity, Pki:OcspResponseValidity and Pki:ApplicantCertificateValidity must be positive.");
        }

        if (options.TimestampAccuracyMillis is < 1 or > 60_000)
        {
            errors.Add("Pki:TimestampAccuracyMillis must be between 1 and 60000.");
        }

        if (!Org.BouncyCastle.Asn1.DerObjectIdentifier.TryFromID(options.TimestampPolicyOid, out _))
        {
            errors.Add($"Pki:TimestampPolicyOid '{options.TimestampPolicyOid}' is not an object identifier.");
        }

        foreach (var centre in options.Centres)
        {
            if (string.IsNullOrWhiteSpace(centre.CentreName) || string.IsNullOrWhiteSpace(centre.SealCode))
            {
                errors.Add("Each Pki:Centres entry needs CentreName and SealCode.");
            }
        }

        foreach (var officer in options.Officers)
        {
            if (string.IsNullOrWhiteSpace(officer.OfficerId) || string.IsNullOrWhiteSpace(officer.Name) || string.IsNullOrWhiteSpace(officer.CentreName))
            {
                errors.Add("Each Pki:Officers entry needs OfficerId, Name and CentreName.");
            }
        }

        if (options.ExternalTsaUrl is { Length: > 0 } tsaUrl)
        {
            if (!Uri.TryCreate(tsaUrl, UriKind.Absolute, out var tsa) || (tsa.Scheme != Uri.UriSchemeHttp && tsa.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"Pki:ExternalTsaUrl '{tsaUrl}' must be an absolute http(s) URL.");
            }

            if (string.IsNullOrWhiteSpace(options.ExternalTsaTrustAnchorsFile) || !File.Exists(options.ExternalTsaTrustAnchorsFile))
            {
                errors.Add("Pki:ExternalTsaTrustAnchorsFile must name an existing PEM file with the external TSA's trust anchors.");
            }
        }

        if (options.KeyAlgorithm == Keys.KeyAlgorithm.Sm2 && options.Pkcs11 is not null)
        {
            errors.Add("Pki:KeyAlgorithm Sm2 cannot use Pki:Pkcs11: PKCS#11 defines no SM2 mechanism and SoftHSM2 has none (keep SM2 keys in PKCS#12 files).");
        }

        if (options.Mode == PkiMode.Production)
        {
            if (string.IsNullOrEmpty(options.KeyPassword) || options.KeyPassword == PkiOptions.DevelopmentKeyPassword)
            {
                errors.Add("Pki:KeyPassword must be set to the production key password (the development default is refused).");
            }

            if (!File.Exists(Path.Combine(options.Directory, Store.PkiDirectory.ManifestFileName)))
            {
                errors.Add($"Pki:Mode is Production but {options.Directory} holds no PKI (create it with `onething pki init --production`).");
            }

            if (options.Pkcs11 is { } pkcs11 && !File.Exists(pkcs11.Library))
            {
                errors.Add($"Pki:Pkcs11:Library '{pkcs11.Library}' does not exist.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
