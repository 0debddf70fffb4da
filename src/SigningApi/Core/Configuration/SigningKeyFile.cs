using System.Security.Cryptography;
using OneThing.Durability;

namespace OneThing.SigningApi.Core.Configuration;

/// <summary>Embedded-mode token keys kept in the data folder so tokens survive a restart.</summary>
internal static class SigningKeyFile
{
    public static ECDsa LoadOrCreateEcdsa(string path)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        WritePrivate(path, key.ExportPkcs8PrivateKeyPem());
        return key;
    }

    public static byte[] LoadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        var secret = RandomNumberGenerator.GetBytes(32);
        WritePrivate(path, Convert.ToBase64String(secret));
        return secret;
    }

    // Created owner-only, so the secret is never readable by others, not even before a mode change.
    private static void WritePrivate(string path, string content) =>
        DurableFile.Write(path, System.Text.Encoding.UTF8.GetBytes(content), UnixFileMode.UserRead | UnixFileMode.UserWrite);
}
