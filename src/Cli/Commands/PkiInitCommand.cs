using System.CommandLine;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething pki init --dir DIR [--production] [--base-url URL] [--centre NAME --seal-code CODE]</c>:
/// creates root CA, issuing CA, OCSP responder, TSA, a seal per centre and the officers in a new directory.
/// </summary>
internal static class PkiInitCommand
{
    public static Command Create()
    {
        var dir = PkiCommandSupport.DirectoryOption();
        var production = new Option<bool>("--production") { Description = $"A production PKI: key files protected by ${PkiCommandSupport.PasswordVariable}, no development markings." };
        var baseUrl = new Option<string>("--base-url") { Description = "Public base URL of the service (CRL, OCSP and CA URLs in certificates).", DefaultValueFactory = _ => "http://localhost:5000" };
        var centres = new Option<string[]>("--centre") { Description = "Centre name (repeatable; pairs with --seal-code).", AllowMultipleArgumentsPerToken = false };
        var sealCodes = new Option<string[]>("--seal-code") { Description = "Seal code of the centre at the same position." };
        var officerIds = new Option<string[]>("--officer-id") { Description = "Loan officer id (repeatable; pairs with --officer-name, centre = first --centre)." };
        var officerNames = new Option<string[]>("--officer-name") { Description = "Loan officer name." };
        var algorithm = PkiCommandSupport.KeyAlgorithmOption();

        var command = new Command("init", "Create a new PKI in an empty directory.");
        foreach (var option in new Option[] { dir, production, baseUrl, centres, sealCodes, officerIds, officerNames, algorithm })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, output =>
        {
            var centreNames = parseResult.GetValue(centres) ?? [];
            var codes = parseResult.GetValue(sealCodes) ?? [];
            var ids = parseResult.GetValue(officerIds) ?? [];
            var names = parseResult.GetValue(officerNames) ?? [];
            if (centreNames.Length != codes.Length)
            {
                throw new ArgumentException("Give one --seal-code for each --centre.");
            }

            if (ids.Length != names.Length)
            {
                throw new ArgumentException("Give one --officer-name for each --officer-id.");
            }

            if (ids.Length > 0 && centreNames.Length == 0)
            {
                throw new ArgumentException("Officers belong to a centre: give --centre too.");
            }

            var isProduction = parseResult.GetValue(production);
            var password = Environment.GetEnvironmentVariable(PkiCommandSupport.PasswordVariable);
            if (isProduction && (string.IsNullOrEmpty(password) || password == PkiOptions.DevelopmentKeyPassword))
            {
                throw new ArgumentException($"A production PKI needs its key-file password in ${PkiCommandSupport.PasswordVariable} (not the development default).");
            }

            var options = new PkiOptions
            {
                Directory = parseResult.GetValue(dir)!.FullName,
                BaseUrl = parseResult.GetValue(baseUrl)!,
                Mode = isProduction ? PkiMode.Production : PkiMode.Development,
                KeyPassword = isProduction ? password! : PkiOptions.DevelopmentKeyPassword,
                KeyAlgorithm = PkiCommandSupport.ParseAlgorithm(parseResult.GetValue(algorithm)!),
                Centres = [.. centreNames.Zip(codes, (name, code) => new CentreSealOptions { CentreName = name, SealCode = code })],
                Officers = [.. ids.Zip(names, (id, name) => new OfficerOptions { OfficerId = id, Name = name, CentreName = centreNames[0] })],
            };
            _ = new Seal.Pki.Authority.PkiUrls(options.BaseUrl); // rejects a bad URL before any key is made
            PkiDirectory.Provision(options, TimeProvider.System, development: !isProduction);
            var manifest = PkiDirectory.ReadManifest(options.Directory);
            output.WriteLine($"{options.Directory}: {(isProduction ? "production" : "DEVELOPMENT")} PKI with {manifest.Entries.Count} certificates:");
            foreach (var entry in manifest.Entries)
            {
                output.WriteLine($"  {entry.Role,-18} {entry.Name,-24} {entry.Certificate}");
            }

            return 0;
        }));
        return command;
    }
}
