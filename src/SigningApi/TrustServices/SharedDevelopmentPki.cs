using System.IO.Compression;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;
using OneThing.SigningApi.Core.Coordination;

namespace OneThing.SigningApi.TrustServices;

/// <summary>
/// Development mode with several instances: they must sign and answer OCSP with one PKI, not one
/// each. The first instance to start provisions it and stores its directory (keys under the published
/// development password, certificates, manifest) as a shared secret in the case database; every other
/// instance unpacks that copy into its own PKI directory. A local PKI that differs from the shared one
/// is moved aside (never deleted) and replaced. Production PKIs are never copied: they are provisioned
/// and distributed by the operator (<c>onething pki init</c>, a token, or a shared directory).
/// </summary>
internal static class SharedDevelopmentPki
{
    public const string SecretName = "development-pki";

    /// <summary>Makes <see cref="PkiOptions.Directory"/> hold the PKI every instance shares.</summary>
    public static void Materialize(PkiOptions options, SharedSecrets secrets, TimeProvider clock, ILogger logger, string secretName = SecretName)
    {
        var directory = Path.GetFullPath(options.Directory);
        var bundle = secrets.GetOrCreate(secretName, () =>
        {
            if (!PkiDirectory.Exists(directory))
            {
                PkiDirectory.Provision(options, clock, development: true);
                logger.LogWarning("Provisioned a DEVELOPMENT PKI in {Directory} and shared it with every instance on this database", directory);
            }
            return Pack(directory);
        });
        if (PkiDirectory.Exists(directory) && SameKeysAndCertificates(directory, bundle)) return;
        if (Directory.Exists(directory))
        {
            var aside = $"{directory}.replaced-{clock.GetUtcNow():yyyyMMddHHmmss}";
            Directory.Move(directory, aside);
            logger.LogWarning("The development PKI in {Directory} is not the one the other instances share; moved it to {Aside} and unpacked the shared one", directory, aside);
        }
        Unpack(bundle, directory);
    }

    private static byte[] Pack(string directory)
    {
        using var zip = new MemoryStream();
        ZipFile.CreateFromDirectory(directory, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        return zip.ToArray();
    }

    private static void Unpack(byte[] bundle, string directory)
    {
        var staging = $"{directory}.staging-{Guid.NewGuid():N}";
        using (var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read))
            zip.ExtractToDirectory(staging);
        // Keys are readable by the service's user only, as when provisioned.
        if (!OperatingSystem.IsWindows())
            foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.Move(staging, directory);
    }

    /// <summary>Every file of the shared copy but the revocation journals (each instance's local copy) has the same bytes here.</summary>
    private static bool SameKeysAndCertificates(string directory, byte[] bundle)
    {
        using var zip = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries.Where(e => e.Length > 0 && !e.FullName.StartsWith("revocation/", StringComparison.Ordinal)))
        {
            var local = Path.Combine(directory, entry.FullName);
            if (!File.Exists(local)) return false;
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (!copy.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(local))) return false;
        }
        return true;
    }
}
