namespace OneThing.SigningApi.Auth;

/// <summary>Embedded-mode secrets for other resources (download links) kept the same way as token keys.</summary>
internal static class SigningKeyFileAccess
{
    public static byte[] LoadOrCreateSecret(string path) => SigningKeyFile.LoadOrCreateSecret(path);
}
