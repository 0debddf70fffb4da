using System.CommandLine;
using OneThing.Cli.Commands;

// `onething`: the operator's and developer's tool. Each sub-command lives in Commands/ in its own file.
var root = new RootCommand("OneThing e-sign: render, sign and verify housing provident fund loan contracts.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
