using System.Security.Cryptography;

namespace OneThing.SigningApi.Auth;

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

    private static void WritePrivate(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temp, path, overwrite: true);
    }
}
