using System.Diagnostics;

namespace OneThing.Seal.Tests.Support;

public sealed record ToolResult(int ExitCode, string Output);

/// <summary>Runs the independent validators (pdfsig, openssl, qpdf…); a missing tool fails the test with a clear message.</summary>
public static class ExternalTool
{
    public static ToolResult Run(string tool, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"required tool '{tool}' is not installed (test.sh installs it): {ex.Message}", ex);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish in 2 minutes");
            }
            return new ToolResult(process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
