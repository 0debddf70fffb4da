using System.CommandLine;

namespace OneThing.Cli.Commands;

/// <summary><c>onething seal make|sign|inspect</c>: GB/T 38540 electronic seals (SESeal) and seal signatures (SES_Signature).</summary>
internal static class SealCommand
{
    public static Command Create()
    {
        var command = new Command("seal", "Make and inspect GB/T 38540 electronic seals (SESeal) and seal signatures (SES_Signature).");
        command.Subcommands.Add(SealMakeCommand.Create());
        command.Subcommands.Add(SealSignCommand.Create());
        command.Subcommands.Add(SealInspectCommand.Create());
        return command;
    }
}
