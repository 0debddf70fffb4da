using System.Security.Cryptography;

namespace OneThing.SigningApi.Core.Configuration;

/// <summary>
/// Token keys: now kept in the case database (shared by every instance); an older version kept them in
/// the data folder, so an existing key file seeds the shared key and tokens issued before stay valid.
/// </summary>
internal static class SigningKeyFile
{
    /// <summary>The secret in <paramref name="path"/> if an older version left one there, else a new one.</summary>
    public static byte[] ReadSecretOr(string path, Func<byte[]> create) =>
        File.Exists(path) ? Convert.FromBase64String(File.ReadAllText(path).Trim()) : create();

    /// <summary>The P-256 key in <paramref name="path"/> (PEM) if present, else a new one; as PKCS#8 DER.</summary>
    public static byte[] ReadEcdsaOr(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path)) key.ImportFromPem(File.ReadAllText(path));
        return key.ExportPkcs8PrivateKey();
    }

    public static ECDsa ImportEcdsa(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}
