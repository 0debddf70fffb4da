using System.CommandLine;
using System.Reflection;

namespace OneThing.Cli.Commands;

/// <summary><c>onething version</c>: prints the tool's version.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the tool version.");
        command.SetAction(parseResult =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parseResult.InvocationConfiguration.Output.WriteLine($"onething {version}");
            return 0;
        });
        return command;
    }
}
