using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using OneThing.Durability;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Authority;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.Seal.Pki.Store;

/// <summary>
/// A PKI kept in a directory: <c>pki.json</c> (the manifest), <c>certs/*.pem</c>, <c>keys/*.p12</c>
/// (or references to PKCS#11 token keys) and <c>revocation/*.jsonl</c> journals. A new PKI is built
/// in a temporary sibling directory and moved into place in one step, so a crash never leaves half a PKI.
/// </summary>
public static class PkiDirectory
{
    public const string ManifestFileName = "pki.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, ManifestFileName));

    /// <summary>
    /// What the service calls at start: in development mode a missing PKI is provisioned (with a loud
    /// warning); in production mode the PKI must exist, be a production one, and every key must load.
    /// </summary>
    public static ProductPki OpenOrProvision(PkiOptions options, ILogger logger, TimeProvider clock)
    {
        if (options.Mode == PkiMode.Development && !Exists(options.Directory))
        {
            Provision(options, clock, development: true);
            logger.LogWarning("Provisioned a DEVELOPMENT PKI in {Directory}: throw-away keys with a published password. Signatures made with it have no legal value; configure Pki:Mode=Production for real contracts.", Path.GetFullPath(options.Directory));
        }

        var pki = Open(options, clock);
        if (pki.IsDevelopment)
        {
            logger.LogWarning("USING THE DEVELOPMENT PKI from {Directory} (root {Root}). NOT FOR REAL CONTRACTS.", Path.GetFullPath(options.Directory), pki.RootCa.Certificate.SubjectDN);
        }
        else
        {
            logger.LogInformation("Loaded the production PKI from {Directory} (root {Root}).", Path.GetFullPath(options.Directory), pki.RootCa.Certificate.SubjectDN);
        }

        var manifest = ReadManifest(options.Directory);
        if (!string.Equals(manifest.BaseUrl.TrimEnd('/'), options.BaseUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("The PKI's certificates point their CRL/OCSP URLs at {ManifestUrl}, but Pki:BaseUrl is {BaseUrl}; verifiers will look for revocation data at the former.", manifest.BaseUrl, options.BaseUrl);
        }

        return pki;
    }

    /// <summary>Creates a new PKI with in-memory-generated keys in PKCS#12 files at <see cref="PkiOptions.Directory"/>, which must not hold one yet.</summary>
    public static void Provision(PkiOptions options, TimeProvider clock, bool development)
    {
        var target = Path.GetFullPath(options.Directory);
        if (Exists(target))
        {
            throw new InvalidOperationException($"{target} already holds a PKI; refusing to overwrite it.");
        }

        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"{target} is not empty; choose an empty or new directory for the PKI.");
        }

        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("The PKI directory needs a parent directory.");
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(staging, "certs"));
        Directory.CreateDirectory(Path.Combine(staging, "keys"));
        Directory.CreateDirectory(Path.Combine(staging, "revocation"));
        try
        {
            var components = PkiProvisioner.Create(options, clock, ca => RevocationRegistry.Open(JournalPath(staging, ca)), development);
            try
            {
                var entries = new List<PkiManifestEntry>
                {
                    Write(staging, PkiRole.RootCa, "root-ca", (InMemoryPrivateKey)components.RootCa.Key, components.RootCa.Certificate, [], options.KeyPassword),
                    Write(staging, PkiRole.IssuingCa, "issuing-ca", (InMemoryPrivateKey)components.IssuingCa.Key, components.IssuingCa.Certificate, [components.RootCa.Certificate], options.KeyPassword),
                    Write(staging, PkiRole.OcspResponder, "ocsp-responder", components.OcspResponder, options.KeyPassword),
                    Write(staging, PkiRole.TimestampAuthority, "tsa", components.TimestampAuthority, options.KeyPassword),
                };
                entries.AddRange(components.Seals.Select(s =>
                    Write(staging, PkiRole.CentreSeal, SafeName("seal-" + s.SealCode), s.Key, options.KeyPassword) with { CentreName = s.CentreName, SealCode = s.SealCode }));
                entries.AddRange(components.Officers.Select(o =>
                    Write(staging, PkiRole.LoanOfficer, SafeName("officer-" + o.OfficerId), o.Key, options.KeyPassword) with { CentreName = o.CentreName, OfficerId = o.OfficerId, OfficerName = o.Name }));
                WriteManifest(staging, new PkiManifest(PkiManifest.CurrentFormat, development, options.BaseUrl, clock.GetUtcNow().UtcDateTime, entries));
            }
            finally
            {
                foreach (var owned in ProductPki.OwnedKeys(components))
                {
                    owned.Dispose();
                }
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target); // empty, checked above
            }

            // Every file in staging is synced; the folders made inside it are named in staging itself.
            DirectorySync.Flush(staging);
            Directory.Move(staging, target);
            DirectorySync.Flush(Path.GetDirectoryName(target)!);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Loads the PKI at <see cref="PkiOptions.Directory"/>: every key, certificate and revocation journal.</summary>
    public static ProductPki Open(PkiOptions options, TimeProvider clock)
    {
        var directory = Path.GetFullPath(options.Directory);
        var manifest = ReadManifest(directory);
        if (options.Mode == PkiMode.Production && manifest.Development)
        {
            throw new InvalidOperationException($"Pki:Mode is Production but {directory} holds a development PKI; create a production one with `onething pki init --production`.");
        }

        Pkcs11Module? module = null;
        var owned = new List<IDisposable>();
        try
        {
            // New certificates point at the configured address; a mismatch with the manifest is logged by OpenOrProvision.
            var urls = new PkiUrls(options.BaseUrl);
            var rootEntry = Single(manifest, PkiRole.RootCa);
            var rootCertificate = ReadCertificate(directory, rootEntry);
            var rootKey = LoadKey(directory, rootEntry, rootCertificate, options, ref module, owned);
            var root = new CertificateAuthority("root-ca", rootKey, [rootCertificate], RevocationRegistry.Open(JournalPath(directory, "root-ca")), urls, clock);

            var issuingEntry = Single(manifest, PkiRole.IssuingCa);
            var issuingCertificate = ReadCertificate(directory, issuingEntry);
            var issuingKey = LoadKey(directory, issuingEntry, issuingCertificate, options, ref module, owned);
            var issuing = new CertificateAuthority("issuing-ca", issuingKey, [issuingCertificate, rootCertificate], RevocationRegistry.Open(JournalPath(directory, "issuing-ca")), urls, clock);

            CertifiedSigningKey Certified(PkiManifestEntry entry)
            {
                var certificate = ReadCertificate(directory, entry);
                return new CertifiedSigningKey(LoadKey(directory, entry, certificate, options, ref module, owned), certificate, issuing.Chain);
            }

            var ocsp = Certified(Single(manifest, PkiRole.OcspResponder));
            var tsa = Certified(Single(manifest, PkiRole.TimestampAuthority));
            var seals = new List<CentreSealKey>();
            foreach (var e in manifest.Entries.Where(e => e.Role == PkiRole.CentreSeal))
            {
                seals.Add(new CentreSealKey(e.CentreName!, e.SealCode!, Certified(e)));
            }

            var officers = new List<LoanOfficerKey>();
            foreach (var e in manifest.Entries.Where(e => e.Role == PkiRole.LoanOfficer))
            {
                officers.Add(new LoanOfficerKey(e.OfficerId!, e.OfficerName!, e.CentreName!, Certified(e)));
            }

            if (module is not null)
            {
                owned.Add(module); // after the keys: tokens close when the module goes
            }

            return new ProductPki(new PkiComponents(root, issuing, ocsp, tsa, seals, officers), options, clock, manifest.Development, owned, module);
        }
        catch
        {
            foreach (var item in owned)
            {
                item.Dispose();
            }

            module?.Dispose();
            throw;
        }
    }

    public static PkiManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{Path.GetFullPath(directory)} holds no PKI ({ManifestFileName} is missing).", path);
        }

        try
        {
            return JsonSerializer.Deserialize<PkiManifest>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid PKI manifest: {e.Message}", e);
        }
    }

    /// <summary>Replaces the manifest atomically and durably (a synced temporary file renamed over the old one).</summary>
    public static void WriteManifest(string directory, PkiManifest manifest) =>
        DurableFile.Write(Path.Combine(directory, ManifestFileName), stream => JsonSerializer.Serialize(stream, manifest, JsonOptions));

    public static string JournalPath(string directory, string caName) => Path.Combine(directory, "revocation", caName + ".jsonl");

    /// <summary>Writes a certificate as PEM (via a temporary file) and returns its path relative to the PKI directory.</summary>
    public static string WriteCertificate(string directory, string name, X509Certificate certificate)
    {
        var relative = Path.Combine("certs", name + ".pem");
        DurableFile.Write(Path.Combine(directory, relative), System.Text.Encoding.ASCII.GetBytes(ToPem(certificate)));
        return relative;
    }

    public static string ToPem(X509Certificate certificate)
    {
        using var writer = new StringWriter();
        using (var pem = new PemWriter(writer))
        {
            pem.WriteObject(certificate);
        }

        return writer.ToString();
    }

    /// <summary>A file-name-safe form of a seal code or officer id.</summary>
    public static string SafeName(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    private static PkiManifestEntry Write(string directory, PkiRole role, string name, CertifiedSigningKey key, string password) =>
        Write(directory, role, name, (InMemoryPrivateKey)key.PrivateKey, key.Certificate, key.Chain, password);

    private static PkiManifestEntry Write(string directory, PkiRole role, string name, InMemoryPrivateKey key, X509Certificate certificate, IReadOnlyList<X509Certificate> chain, string password)
    {
        var keyFile = Path.Combine("keys", name + ".p12");
        Pkcs12KeyFile.Save(Path.Combine(directory, keyFile), name, key, certificate, chain, password);
        return new PkiManifestEntry(role, name, WriteCertificate(directory, name, certificate), new KeyReference(KeyReference.Pkcs12, File: keyFile));
    }

    private static PkiManifestEntry Single(PkiManifest manifest, PkiRole role)
    {
        var matches = manifest.Entries.Where(e => e.Role == role).ToList();
        return matches.Count == 1 ? matches[0] : throw new InvalidDataException($"The PKI manifest must have exactly one {role} entry (found {matches.Count}).");
    }

    private static X509Certificate ReadCertificate(string directory, PkiManifestEntry entry)
    {
        var path = Path.Combine(directory, entry.Certificate);
        try
        {
            return new X509CertificateParser().ReadCertificate(File.ReadAllBytes(path))
                ?? throw new InvalidDataException($"{path} holds no certificate.");
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"Cannot read the certificate of '{entry.Name}' from {path}: {e.Message}", e);
        }
    }

    private static IPrivateKey LoadKey(string directory, PkiManifestEntry entry, X509Certificate certificate, PkiOptions options, ref Pkcs11Module? module, List<IDisposable> owned)
    {
        IPrivateKey key;
        switch (entry.Key.Kind)
        {
            case KeyReference.Pkcs12:
                var loaded = Pkcs12KeyFile.Load(Path.Combine(directory, entry.Key.File ?? throw new InvalidDataException($"Entry '{entry.Name}' names no key file.")), options.KeyPassword);
                key = loaded.PrivateKey;
                break;
            case KeyReference.Pkcs11:
                var pkcs11 = options.Pkcs11 ?? throw new InvalidOperationException($"The key of '{entry.Name}' is in PKCS#11 token '{entry.Key.TokenLabel}' but Pki:Pkcs11 is not configured.");
                var label = entry.Key.TokenLabel ?? throw new InvalidDataException($"Entry '{entry.Name}' names no token.");
                module ??= Pkcs11Module.Load(pkcs11.Library);
                key = module.GetToken(label, pkcs11.Pin).FindPrivateKey(entry.Key.KeyLabel ?? throw new InvalidDataException($"Entry '{entry.Name}' names no key label."));
                break;
            default:
                throw new InvalidDataException($"Entry '{entry.Name}' has unknown key kind '{entry.Key.Kind}'.");
        }

        owned.Add(key);
        if (!certificate.GetPublicKey().Equals(key.PublicKey))
        {
            throw new InvalidDataException($"The key of '{entry.Name}' does not match its certificate {entry.Certificate}.");
        }

        return key;
    }
}
