using System.CommandLine;
using OneThing.ContractTemplates.Templates;

namespace OneThing.Cli.Commands;

/// <summary><c>onething templates</c>: lists every contract template version with its content hash.</summary>
internal static class TemplatesCommand
{
    public static Command Create()
    {
        var command = new Command("templates", "List the contract templates, their versions and content hashes.");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"{"ID",-26}{"VERSION",-10}{"SHA-256",-66}TITLE");
            foreach (var template in TemplateCatalog.LoadEmbedded().All)
            {
                output.WriteLine($"{template.Id,-26}{template.Version,-10}{template.Hash,-66}{template.Title}");
            }
            return 0;
        });
        return command;
    }
}
