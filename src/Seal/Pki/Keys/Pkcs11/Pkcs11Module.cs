using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace OneThing.Seal.Pki.Keys.Pkcs11;

/// <summary>
/// One loaded PKCS#11 module and the tokens opened through it. A module must be initialised once
/// per process (C_Finalize by one user would pull the rug from under another), so a PKI opens all
/// its tokens through a single module.
/// </summary>
public sealed class Pkcs11Module : IDisposable
{
    private readonly IPkcs11Library _library;
    private readonly Dictionary<string, Pkcs11Token> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private Pkcs11Module(IPkcs11Library library, string path)
    {
        _library = library;
        LibraryPath = path;
    }

    public string LibraryPath { get; }

    public static Pkcs11Module Load(string libraryPath) => new(LoadLibrary(libraryPath), libraryPath);

    /// <summary>The token labelled <paramref name="tokenLabel"/>, logged in with <paramref name="pin"/> on first use.</summary>
    public Pkcs11Token GetToken(string tokenLabel, string pin)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(tokenLabel, out var token))
            {
                token = Pkcs11Token.Open(_library, LibraryPath, tokenLabel, pin, ownsLibrary: false);
                _tokens[tokenLabel] = token;
            }

            return token;
        }
    }

    internal static IPkcs11Library LoadLibrary(string libraryPath)
    {
        if (!File.Exists(libraryPath))
        {
            throw new FileNotFoundException($"The PKCS#11 module '{libraryPath}' does not exist.", libraryPath);
        }

        Pkcs11NativeLibrary.EnsureResolver();
        var factories = new Pkcs11InteropFactories();
        return factories.Pkcs11LibraryFactory.LoadPkcs11Library(factories, libraryPath, AppType.MultiThreaded);
    }

    public void Dispose()
    {
        foreach (var token in _tokens.Values)
        {
            token.Dispose();
        }

        _library.Dispose();
    }
}
