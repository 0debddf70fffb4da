using System.Diagnostics;

namespace OneThing.Seal.Tests.Pki.Support;

/// <summary>Runs an external validator (openssl, certutil, softhsm2-util) and fails clearly when it is not installed.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static Result Run(string tool, params string[] arguments) => Run(tool, null, arguments);

    public static Result Run(string tool, IDictionary<string, string>? environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is not installed (test.sh installs it: openssl, libnss3-tools, softhsm2).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish within 60 s");
            }

            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>Runs and asserts a zero exit code, returning stdout+stderr.</summary>
    public static string Succeed(string tool, params string[] arguments)
    {
        var result = Run(tool, arguments);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.All}");
        return result.All;
    }
}
