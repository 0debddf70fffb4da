using System.CommandLine;
using OneThing.Durability;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething pki export-trust --dir DIR --out FILE.pem [--with-intermediates]</c>: the trust anchors
/// (root certificate) relying parties such as banks install to verify the product's signatures.
/// </summary>
internal static class PkiExportTrustCommand
{
    public static Command Create()
    {
        var dir = PkiCommandSupport.DirectoryOption();
        var output = new Option<FileInfo>("--out") { Description = "PEM file to write.", Required = true };
        var intermediates = new Option<bool>("--with-intermediates") { Description = "Append the issuing CA certificate (handy for openssl -CAfile)." };

        var command = new Command("export-trust", "Write the PKI's trust anchors as PEM.");
        foreach (var option in new Option[] { dir, output, intermediates })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, writer =>
        {
            // Only certificates are needed: read them from the manifest without unlocking any key.
            var directory = parseResult.GetValue(dir)!.FullName;
            var manifest = PkiDirectory.ReadManifest(directory);
            var roles = parseResult.GetValue(intermediates) ? new[] { PkiRole.RootCa, PkiRole.IssuingCa } : [PkiRole.RootCa];
            var pem = string.Concat(roles.Select(role =>
                File.ReadAllText(Path.Combine(directory, manifest.Entries.Single(e => e.Role == role).Certificate))));
            var target = parseResult.GetValue(output)!.FullName;
            DurableFile.Write(target, System.Text.Encoding.ASCII.GetBytes(pem));
            writer.WriteLine($"{target}: {roles.Length} certificate(s){(manifest.Development ? " of a DEVELOPMENT PKI" : "")}");
            return 0;
        }));
        return command;
    }
}
