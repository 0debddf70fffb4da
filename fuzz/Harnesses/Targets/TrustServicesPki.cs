using Microsoft.Extensions.Logging.Abstractions;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// The product PKI behind the TSA and OCSP harnesses (the same responders /tsa and /pki/ocsp use). With
/// <see cref="DirectoryVariable"/> set it is a development PKI kept in that folder, so the seed OCSP
/// requests written for its CAs (scripts/fuzz/seeds.sh) reach the answering code; otherwise in memory.
/// </summary>
internal static class TrustServicesPki
{
    public const string DirectoryVariable = "ONETHING_FUZZ_PKI";

    public static ProductPki Create()
    {
        var options = new PkiOptions { BaseUrl = "http://127.0.0.1:5000" };
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is not { Length: > 0 } directory)
        {
            return ProductPki.CreateInMemory(options);
        }
        options.Directory = Path.GetFullPath(directory);
        return PkiDirectory.OpenOrProvision(options, NullLogger.Instance, TimeProvider.System);
    }
}
