using System.Diagnostics;
using System.Runtime.InteropServices;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Keys.Pkcs11;

namespace OneThing.Benchmarks;

/// <summary>
/// A throwaway SoftHSM2 token in a temp directory with one non-extractable ECDSA P-256 key
/// (softhsm2 must be installed). SoftHSM reads SOFTHSM2_CONF from the native environment when the
/// module first initialises, so run one SoftHSM benchmark class per process.
/// </summary>
internal sealed class SoftHsmBenchToken : IDisposable
{
    private const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    private readonly string _directory;
    private readonly Pkcs11Module _module;

    public SoftHsmBenchToken(string keyLabel)
    {
        _directory = Directory.CreateTempSubdirectory("onething-bench-softhsm-").FullName;
        var config = Path.Combine(_directory, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {_directory}\nobjectstore.backend = file\nlog.level = ERROR\n");
        _ = SetEnv("SOFTHSM2_CONF", config, 1);
        using (var init = Process.Start(new ProcessStartInfo("softhsm2-util", ["--init-token", "--free", "--label", "bench", "--pin", "1234", "--so-pin", "5678"])
               {
                   Environment = { ["SOFTHSM2_CONF"] = config },
                   RedirectStandardOutput = true,
               })!)
        {
            init.WaitForExit();
        }
        _module = Pkcs11Module.Load(Library);
        Key = _module.GetToken("bench", "1234").GenerateKeyPair(keyLabel, KeyAlgorithm.EcdsaP256);
    }

    public Pkcs11PrivateKey Key { get; }

    public void Dispose()
    {
        _module.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
