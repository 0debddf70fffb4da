using Org.BouncyCastle.Asn1.X509;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;

namespace OneThing.Seal.Pki.Store;

/// <summary>Where a newly generated key should live: a PKCS#12 file in the PKI directory, or inside a PKCS#11 token.</summary>
public sealed record NewKeyLocation(string? TokenLabel = null, string? KeyLabel = null)
{
    public static NewKeyLocation Pkcs12File { get; } = new();

    public bool InToken => TokenLabel is not null;
}

/// <summary>
/// Adds seal and officer keys to an existing PKI directory: generates the key (in the token when
/// asked, where it never leaves), has the issuing CA certify it, writes the certificate and then
/// the manifest (atomically) so the service loads the new key on its next start.
/// </summary>
public static class PkiDirectoryEditor
{
    /// <returns>The new manifest entry; open the PKI again to use the key.</returns>
    public static PkiManifestEntry AddCentreSeal(PkiOptions options, string centreName, string sealCode, NewKeyLocation location, TimeProvider clock) =>
        Add(options, PkiRole.CentreSeal, PkiDirectory.SafeName("seal-" + sealCode), CertificateProfiles.CentreSeal,
            SubjectNames.CentreSeal(centreName, sealCode), location, clock, e => e with { CentreName = centreName, SealCode = sealCode },
            m => m.Entries.Any(e => e.Role == PkiRole.CentreSeal && e.SealCode == sealCode) ? $"The PKI already has a seal with code {sealCode}." : null);

    public static PkiManifestEntry AddLoanOfficer(PkiOptions options, string officerId, string name, string centreName, NewKeyLocation location, TimeProvider clock) =>
        Add(options, PkiRole.LoanOfficer, PkiDirectory.SafeName("officer-" + officerId), CertificateProfiles.LoanOfficer,
            SubjectNames.LoanOfficer(centreName, name, officerId), location, clock, e => e with { CentreName = centreName, OfficerId = officerId, OfficerName = name },
            m => m.Entries.Any(e => e.Role == PkiRole.LoanOfficer && e.OfficerId == officerId) ? $"The PKI already has officer {officerId}." : null);

    private static PkiManifestEntry Add(
        PkiOptions options, PkiRole role, string name, CertificateProfile profile, X509Name subject, NewKeyLocation location, TimeProvider clock,
        Func<PkiManifestEntry, PkiManifestEntry> details, Func<PkiManifest, string?> conflict)
    {
        var directory = Path.GetFullPath(options.Directory);
        var manifest = PkiDirectory.ReadManifest(directory);
        if (conflict(manifest) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        using var pki = PkiDirectory.Open(options, clock);
        PkiManifestEntry entry;
        if (location.InToken)
        {
            var pkcs11 = options.Pkcs11 ?? throw new InvalidOperationException("A key in a PKCS#11 token needs Pki:Pkcs11 (library and PIN).");
            using var ownModule = pki.Pkcs11 is null ? Pkcs11Module.Load(pkcs11.Library) : null;
            var token = (pki.Pkcs11 ?? ownModule!).GetToken(location.TokenLabel!, pkcs11.Pin);
            var keyLabel = location.KeyLabel ?? name;
            var key = token.GenerateKeyPair(keyLabel, pki.KeyAlgorithm);
            var certificate = pki.IssuingCa.Issue(profile, subject, key.PublicKey);
            entry = new PkiManifestEntry(role, name, PkiDirectory.WriteCertificate(directory, name, certificate),
                new KeyReference(KeyReference.Pkcs11, TokenLabel: location.TokenLabel, KeyLabel: keyLabel));
        }
        else
        {
            using var key = InMemoryPrivateKey.Generate(pki.KeyAlgorithm);
            var certificate = pki.IssuingCa.Issue(profile, subject, key.PublicKey);
            var keyFile = Path.Combine("keys", name + ".p12");
            Pkcs12KeyFile.Save(Path.Combine(directory, keyFile), name, key, certificate, pki.IssuingCa.Chain, options.KeyPassword);
            entry = new PkiManifestEntry(role, name, PkiDirectory.WriteCertificate(directory, name, certificate), new KeyReference(KeyReference.Pkcs12, File: keyFile));
        }

        entry = details(entry);
        PkiDirectory.WriteManifest(directory, manifest with { Entries = [.. manifest.Entries, entry] });
        return entry;
    }
}
