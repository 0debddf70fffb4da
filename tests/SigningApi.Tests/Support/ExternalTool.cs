using System.Diagnostics;

namespace OneThing.SigningApi.Tests.Support;

/// <summary>Runs the independent validators (pdfsig, certutil, qpdf); a missing tool fails the test with a clear message.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string tool, params string[] arguments) => RunIn(null, tool, arguments);

    /// <summary>Runs <paramref name="tool"/> in <paramref name="directory"/> (the current one when null).</summary>
    public static Result RunIn(string? directory, string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (directory is not null) info.WorkingDirectory = directory;
        foreach (var a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"'{tool}' is required for this test but could not be run ({e.Message}); install it (test.sh installs poppler-utils, libnss3-tools, qpdf, prometheus).");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
