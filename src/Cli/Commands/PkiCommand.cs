using System.CommandLine;

namespace OneThing.Cli.Commands;

/// <summary><c>onething pki init|issue|revoke|export-trust</c>: manages the PKI directory the service and the CLI sign with.</summary>
internal static class PkiCommand
{
    public static Command Create()
    {
        var command = new Command("pki", "Manage the OneThing PKI (CAs, seal, officer and applicant certificates, revocation).");
        command.Subcommands.Add(PkiInitCommand.Create());
        command.Subcommands.Add(PkiIssueCommand.Create());
        command.Subcommands.Add(PkiRevokeCommand.Create());
        command.Subcommands.Add(PkiExportTrustCommand.Create());
        return command;
    }
}
