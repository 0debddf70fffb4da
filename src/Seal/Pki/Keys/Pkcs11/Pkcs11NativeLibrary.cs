using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace OneThing.Seal.Pki.Keys.Pkcs11;

/// <summary>
/// Pkcs11Interop 5.3 P/Invokes "libdl", which modern glibc ships only as libdl.so.2; without this
/// resolver loading any PKCS#11 module fails with "Unable to load shared library 'libdl'".
/// A resolver can be set once per assembly and per process, hence the one-time registration.
/// </summary>
internal static class Pkcs11NativeLibrary
{
    private static readonly Lazy<bool> Registration = new(() =>
    {
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, Resolve);
        return true;
    });

    public static void EnsureResolver() => _ = Registration.Value;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == "libdl" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero;
}
