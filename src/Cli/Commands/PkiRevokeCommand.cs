using System.CommandLine;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary><c>onething pki revoke --dir DIR --serial HEX [--reason key-compromise]</c>: the next CRL and every OCSP answer show it.</summary>
internal static class PkiRevokeCommand
{
    private static readonly Dictionary<string, RevocationReason> Reasons = new()
    {
        ["unspecified"] = RevocationReason.Unspecified,
        ["key-compromise"] = RevocationReason.KeyCompromise,
        ["ca-compromise"] = RevocationReason.CaCompromise,
        ["affiliation-changed"] = RevocationReason.AffiliationChanged,
        ["superseded"] = RevocationReason.Superseded,
        ["cessation-of-operation"] = RevocationReason.CessationOfOperation,
    };

    public static Command Create()
    {
        var dir = PkiCommandSupport.DirectoryOption();
        var serial = new Option<string>("--serial") { Description = "Serial number of the certificate (hex, as openssl x509 -serial prints it).", Required = true };
        var reason = new Option<string>("--reason") { Description = "CRL reason.", DefaultValueFactory = _ => "unspecified" };
        reason.AcceptOnlyFromAmong([.. Reasons.Keys]);
        var library = PkiCommandSupport.Pkcs11LibraryOption();

        var command = new Command("revoke", "Revoke a certificate issued by this PKI.");
        foreach (var option in new Option[] { dir, serial, reason, library })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, output =>
        {
            var text = parseResult.GetValue(serial)!.Trim().Replace(":", "", StringComparison.Ordinal);
            if (text.StartsWith("serial=", StringComparison.OrdinalIgnoreCase))
            {
                text = text["serial=".Length..];
            }

            if (text.Length == 0 || !text.All(Uri.IsHexDigit))
            {
                throw new ArgumentException($"'{parseResult.GetValue(serial)}' is not a hexadecimal serial number.");
            }

            var options = PkiCommandSupport.OptionsFor(parseResult.GetValue(dir)!.FullName, parseResult.GetValue(library));
            using var pki = PkiDirectory.Open(options, TimeProvider.System);
            var record = pki.Revoke(new Org.BouncyCastle.Math.BigInteger(text, 16), Reasons[parseResult.GetValue(reason)!]);
            output.WriteLine($"revoked {record.SerialHex} ({record.Profile}: {record.Subject}) at {record.RevokedAt:u}, reason {record.Reason}");
            return 0;
        }));
        return command;
    }
}
