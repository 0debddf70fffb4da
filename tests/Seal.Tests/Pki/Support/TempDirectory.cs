using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Store;

namespace OneThing.Seal.Tests.Pki.Support;

/// <summary>A scratch directory deleted after the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "onething-pki-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string WritePem(string name, params X509Certificate[] certificates)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, string.Concat(certificates.Select(PkiDirectory.ToPem)));
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp directory is harmless
        }
    }
}
