using System.Runtime.InteropServices;

namespace OneThing.Seal.Tests.Pki.Support;

/// <summary>
/// A SoftHSM2 token store in a temp directory, initialised with softhsm2-util. SoftHSM reads
/// SOFTHSM2_CONF from the native environment when the module initialises, so it is set with libc's
/// setenv (Environment.SetEnvironmentVariable changes only .NET's copy). One store per test run.
/// </summary>
public sealed class SoftHsmToken : IDisposable
{
    public const string Library = "/usr/lib/softhsm/libsofthsm2.so";
    public const string UserPin = "24681357";

    private readonly TempDirectory _dir = new();

    public SoftHsmToken()
    {
        if (!File.Exists(Library))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({Library} missing); test.sh installs the softhsm2 package.");
        }

        var tokens = _dir.File("tokens");
        Directory.CreateDirectory(tokens);
        ConfigPath = _dir.File("softhsm2.conf");
        File.WriteAllText(ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        if (SetEnv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigPath);
        foreach (var label in Labels)
        {
            var result = ExternalTool.Run("softhsm2-util", new Dictionary<string, string> { ["SOFTHSM2_CONF"] = ConfigPath },
                "--init-token", "--free", "--label", label, "--pin", UserPin, "--so-pin", "13572468");
            Assert.True(result.ExitCode == 0, "softhsm2-util --init-token failed: " + result.All);
        }
    }

    /// <summary>Token labels prepared for the tests (one per test class that writes keys).</summary>
    public static readonly string[] Labels = ["keys", "pki", "cli"];

    public string ConfigPath { get; }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    public void Dispose() => _dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsmToken>
{
    public const string Name = "SoftHSM2";
}
