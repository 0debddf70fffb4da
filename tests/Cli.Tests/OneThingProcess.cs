using System.Diagnostics;

namespace OneThing.Cli.Tests;

/// <summary>Runs the real <c>onething</c> executable (built next to the tests) and captures its output and exit code.</summary>
public static class OneThingProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] arguments) => Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "onething.dll"), .. arguments]);

    public static Result Start(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is required by this test but is not installed; run ./test.sh (it installs poppler-utils)", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in 120 s");
            }
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>The repository root, to find samples/.</summary>
    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));
}
