using System.CommandLine;

namespace OneThing.Cli.Commands;

/// <summary>The list of sub-commands; add a new command's factory here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return VerifyCommand.Create();
        yield return TemplatesCommand.Create();
        yield return RenderCommand.Create();
        yield return DemoCommand.Create();
        yield return SignCommand.Create();
        yield return LtvRenewCommand.Create();
        yield return PkiCommand.Create();
        yield return SealCommand.Create();
    }
}
