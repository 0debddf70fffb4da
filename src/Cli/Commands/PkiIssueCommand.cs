using System.CommandLine;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Certificates;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething pki issue --dir DIR --profile centre-seal|loan-officer|applicant …</c>: seals and officers
/// join the PKI (key in a PKCS#12 file, or generated inside a PKCS#11 token with <c>--token</c>);
/// an applicant's event certificate and key are written to a PKCS#12 file (<c>--out</c>).
/// </summary>
internal static class PkiIssueCommand
{
    public static Command Create()
    {
        var dir = PkiCommandSupport.DirectoryOption();
        var profile = new Option<string>("--profile") { Description = "What to issue.", Required = true };
        profile.AcceptOnlyFromAmong("centre-seal", "loan-officer", "applicant");
        var centre = new Option<string?>("--centre") { Description = "Centre name (seal, officer)." };
        var sealCode = new Option<string?>("--seal-code") { Description = "Seal code (centre-seal)." };
        var officerId = new Option<string?>("--officer-id") { Description = "Officer id (loan-officer)." };
        var name = new Option<string?>("--name") { Description = "Person's name (loan-officer, applicant)." };
        var idNumber = new Option<string?>("--id-number") { Description = "18-digit resident ID number (applicant)." };
        var validity = new Option<int?>("--validity-minutes") { Description = "Lifetime of an applicant certificate (default: the profile's)." };
        var output = new Option<FileInfo?>("--out") { Description = $"PKCS#12 file for the applicant's key (password from ${PkiCommandSupport.PasswordVariable} or the development default)." };
        var token = new Option<string?>("--token") { Description = "Generate the key inside this PKCS#11 token (label) instead of a key file." };
        var keyLabel = new Option<string?>("--key-label") { Description = "Label of the key in the token (default: derived from the name)." };
        var library = PkiCommandSupport.Pkcs11LibraryOption();

        var command = new Command("issue", "Issue a seal, officer or applicant certificate.");
        foreach (var option in new Option[] { dir, profile, centre, sealCode, officerId, name, idNumber, validity, output, token, keyLabel, library })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, writer =>
        {
            string Required(Option<string?> option) =>
                parseResult.GetValue(option) is { Length: > 0 } value ? value : throw new ArgumentException($"{option.Name} is required for --profile {parseResult.GetValue(profile)}.");

            var directory = parseResult.GetValue(dir)!.FullName;
            var tokenLabel = parseResult.GetValue(token);
            var options = PkiCommandSupport.OptionsFor(directory, tokenLabel is null ? parseResult.GetValue(library) : parseResult.GetValue(library) ?? "/usr/lib/softhsm/libsofthsm2.so");
            var location = tokenLabel is null ? NewKeyLocation.Pkcs12File : new NewKeyLocation(tokenLabel, parseResult.GetValue(keyLabel));
            switch (parseResult.GetValue(profile))
            {
                case "centre-seal":
                {
                    var entry = PkiDirectoryEditor.AddCentreSeal(options, Required(centre), Required(sealCode), location, TimeProvider.System);
                    writer.WriteLine($"issued seal {entry.SealCode} for {entry.CentreName}: {entry.Certificate} (key: {Describe(entry.Key)})");
                    return 0;
                }

                case "loan-officer":
                {
                    var entry = PkiDirectoryEditor.AddLoanOfficer(options, Required(officerId), Required(name), Required(centre), location, TimeProvider.System);
                    writer.WriteLine($"issued officer {entry.OfficerId} ({entry.OfficerName}, {entry.CentreName}): {entry.Certificate} (key: {Describe(entry.Key)})");
                    return 0;
                }

                default:
                {
                    var outFile = parseResult.GetValue(output) ?? throw new ArgumentException("--out is required for --profile applicant.");
                    if (tokenLabel is not null)
                    {
                        throw new ArgumentException("Applicant event keys are not kept in the token; omit --token.");
                    }

                    var minutes = parseResult.GetValue(validity);
                    if (minutes is <= 0)
                    {
                        throw new ArgumentException("--validity-minutes must be positive.");
                    }

                    using var pki = PkiDirectory.Open(options, TimeProvider.System);
                    using var key = InMemoryPrivateKey.Generate(pki.KeyAlgorithm);
                    var certificate = pki.IssueSignerCertificate(Required(name), Required(idNumber), key.PublicKey, minutes is { } m ? TimeSpan.FromMinutes(m) : null);
                    Directory.CreateDirectory(outFile.DirectoryName!);
                    Pkcs12KeyFile.Save(outFile.FullName, "applicant", key, certificate, pki.IssuingCa.Chain, options.KeyPassword);
                    writer.WriteLine($"issued applicant certificate {certificate.SerialNumber.ToString(16)} for {SubjectNames.Get(certificate.SubjectDN, Org.BouncyCastle.Asn1.X509.X509Name.CN)}, valid until {certificate.NotAfter:u}: {outFile.FullName}");
                    return 0;
                }
            }
        }));
        return command;
    }

    private static string Describe(KeyReference key) =>
        key.Kind == KeyReference.Pkcs11 ? $"PKCS#11 token '{key.TokenLabel}', label '{key.KeyLabel}'" : key.File!;
}
