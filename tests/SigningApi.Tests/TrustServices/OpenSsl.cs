using System.Diagnostics;

namespace OneThing.SigningApi.Tests.TrustServices;

/// <summary>Runs openssl (installed by test.sh) in a scratch folder; fails clearly when it is missing.</summary>
public sealed class OpenSsl : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "onething-openssl", Guid.NewGuid().ToString("N"));

    public OpenSsl() => Directory.CreateDirectory(Folder);

    public string File(string name) => Path.Combine(Folder, name);

    public string Write(string name, byte[] bytes)
    {
        System.IO.File.WriteAllBytes(File(name), bytes);
        return File(name);
    }

    public (int ExitCode, string Output) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("openssl is not installed (test.sh installs it).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit(60_000);
            return (process.ExitCode, output.Result + error.Result);
        }
    }

    public string Succeed(params string[] arguments)
    {
        var (code, output) = Run(arguments);
        Assert.True(code == 0, $"openssl {string.Join(' ', arguments)} exited {code}:\n{output}");
        return output;
    }

    /// <summary>Converts a DER certificate to a PEM file.</summary>
    public string CertificatePem(string name, byte[] der)
    {
        var derPath = Write(name + ".der", der);
        Succeed("x509", "-inform", "DER", "-in", derPath, "-out", File(name + ".pem"));
        return File(name + ".pem");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
