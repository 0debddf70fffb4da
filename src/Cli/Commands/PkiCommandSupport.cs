using System.CommandLine;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>
/// What the <c>pki</c> sub-commands share: the directory option, secrets from environment variables
/// (never from the command line, where they would land in shell history and process lists), and
/// turning failures into one-line errors with exit codes 1 (failure) or 2 (invalid input).
/// </summary>
internal static class PkiCommandSupport
{
    public const int Failure = 1;
    public const int InvalidInput = 2;

    /// <summary>Password of the PKI's PKCS#12 key files; development PKIs use the published default.</summary>
    public const string PasswordVariable = "ONETHING_PKI_PASSWORD";

    /// <summary>User PIN of the PKCS#11 token.</summary>
    public const string PinVariable = "ONETHING_PKCS11_PIN";

    public static Option<DirectoryInfo> DirectoryOption() =>
        new("--dir") { Description = "The PKI directory.", Required = true };

    public static Option<string?> Pkcs11LibraryOption() =>
        new("--pkcs11-library") { Description = $"PKCS#11 module for keys in a token (PIN from ${PinVariable}), e.g. /usr/lib/softhsm/libsofthsm2.so." };

    public static Option<string> KeyAlgorithmOption()
    {
        var option = new Option<string>("--key-algorithm") { Description = "Key type of new keys.", DefaultValueFactory = _ => "ecdsa-p256" };
        option.AcceptOnlyFromAmong("ecdsa-p256", "rsa-2048", "rsa-3072", "sm2");
        return option;
    }

    public static KeyAlgorithm ParseAlgorithm(string value) => value switch
    {
        "rsa-2048" => KeyAlgorithm.Rsa2048,
        "rsa-3072" => KeyAlgorithm.Rsa3072,
        "sm2" => KeyAlgorithm.Sm2,
        _ => KeyAlgorithm.EcdsaP256,
    };

    /// <summary>
    /// The algorithm family of the demo and sign commands: <c>international</c> (ECDSA P-256 with SHA-256) or
    /// <c>sm2</c> (SM2 with SM3, the national 国密 family).
    /// </summary>
    public static Option<string> AlgorithmFamilyOption()
    {
        var option = new Option<string>("--algorithm") { Description = "Algorithm family: international (ECDSA P-256 + SHA-256) or sm2 (SM2 + SM3).", DefaultValueFactory = _ => "international" };
        option.AcceptOnlyFromAmong("international", "sm2");
        return option;
    }

    public static KeyAlgorithm ParseFamily(string value) => value == "sm2" ? KeyAlgorithm.Sm2 : KeyAlgorithm.EcdsaP256;

    /// <summary>Options for an existing PKI directory: mode from its manifest, password and PIN from the environment.</summary>
    public static PkiOptions OptionsFor(string directory, string? pkcs11Library)
    {
        var manifest = PkiDirectory.ReadManifest(directory);
        var options = new PkiOptions
        {
            Directory = directory,
            BaseUrl = manifest.BaseUrl,
            Mode = manifest.Development ? PkiMode.Development : PkiMode.Production,
            KeyPassword = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } password ? password : PkiOptions.DevelopmentKeyPassword,
        };
        var needsToken = pkcs11Library is not null || manifest.Entries.Any(e => e.Key.Kind == KeyReference.Pkcs11);
        if (needsToken)
        {
            options.Pkcs11 = new Pkcs11Options
            {
                Library = pkcs11Library ?? "/usr/lib/softhsm/libsofthsm2.so",
                Pin = Environment.GetEnvironmentVariable(PinVariable)
                    ?? throw new ArgumentException($"Keys in a PKCS#11 token need the user PIN in ${PinVariable}."),
            };
        }

        return options;
    }

    /// <summary>Runs <paramref name="action"/> and maps the product's exceptions to a one-line error and exit code.</summary>
    public static int Run(ParseResult parseResult, Func<TextWriter, int> action)
    {
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            return action(parseResult.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            error.WriteLine($"error: {e.Message}");
            return InvalidInput;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException
            or KeyNotFoundException or NotSupportedException or Net.Pkcs11Interop.Common.Pkcs11Exception)
        {
            error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }
}
