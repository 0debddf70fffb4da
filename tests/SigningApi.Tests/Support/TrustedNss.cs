namespace OneThing.SigningApi.Tests.Support;

/// <summary>An NSS database trusting the service's root, for pdfsig; plus qpdf's structural check.</summary>
public sealed class TrustedNss : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "onething-nss", Guid.NewGuid().ToString("N"));
    private int _files;

    public TrustedNss(byte[] rootDer)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllBytes(Path.Combine(_dir, "root.der"), rootDer);
        Must(ExternalTool.Run("certutil", "-N", "-d", "sql:" + _dir, "--empty-password"));
        Must(ExternalTool.Run("certutil", "-A", "-d", "sql:" + _dir, "-n", "onething-root", "-t", "CT,C,C", "-i", Path.Combine(_dir, "root.der")));
    }

    /// <summary>pdfsig's full text report (it exits 0 even on a digest mismatch, so callers read the text).</summary>
    public string Pdfsig(byte[] pdf) => ExternalTool.Run("pdfsig", "-nssdir", "sql:" + _dir, Save(pdf)).Output;

    /// <summary>qpdf --check exit code: 0 ok, 3 warnings (PDFsharp's Flate streams), 2 errors.</summary>
    public int QpdfCheck(byte[] pdf) => ExternalTool.Run("qpdf", "--check", Save(pdf)).ExitCode;

    private string Save(byte[] pdf)
    {
        var path = Path.Combine(_dir, $"doc{Interlocked.Increment(ref _files)}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }

    private static void Must(ExternalTool.Result result)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException("certutil failed: " + result.Output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
