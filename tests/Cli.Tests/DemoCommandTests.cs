using System.Diagnostics;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Tests.Pki.Support;
using OneThing.Seal.Tests.Support;

namespace OneThing.Cli.Tests;

/// <summary>
/// <c>onething demo</c> end to end: every document signed by borrower, co-borrower, officer and
/// centre seal (B-LTA), checked by pdfsig (anchors trusted, the PKI's OCSP/CRL served at the URLs in
/// its certificates), openssl cms/ts and qpdf.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Demo_writes_sealed_documents_that_independent_validators_accept()
    {
        var port = LocalHttpServer.FreePort();
        var outDir = _dir.File("out");
        var (code, output, error) = Onething("demo", "--out", outDir, "--pki-base-url", ServedPki.BaseUrl(port));
        Assert.True(code == 0, $"demo failed ({code}):\n{output}\n{error}");
        Assert.Contains("DEVELOPMENT PKI", error);

        using var served = new ServedPki(p => PkiDirectory.Open(new PkiOptions { Directory = Path.Combine(outDir, "pki"), BaseUrl = ServedPki.BaseUrl(p) }, TimeProvider.System), port);
        var anchors = File.ReadAllText(Path.Combine(outDir, "trust-anchors.pem"));
        Assert.Equal(served.AnchorsPem.Trim(), anchors.Trim());

        var pdfs = Directory.GetFiles(outDir, "*.pdf").Order().ToList();
        Assert.Equal(3, pdfs.Count);
        foreach (var path in pdfs)
        {
            var pdf = File.ReadAllBytes(path);
            var signatures = Validators.SignaturesOf(pdf).ToList();
            Assert.Equal(4, signatures.Count(s => s.SubFilter == "ETSI.CAdES.detached"));
            Assert.Equal(1, signatures.Count(s => s.SubFilter == "ETSI.RFC3161"));
            Validators.AssertPdfsigAllValid(pdf, anchors, 4);
            Assert.Equal(5, Validators.VerifyAllWithOpenSsl(pdf, anchors));
            Validators.QpdfCheck(pdf);
            var reader = PdfDocumentReader.Open(pdf);
            Assert.NotNull(reader.Catalog["DSS"]);
            Assert.NotNull(reader.Catalog["Perms"]);
        }
    }

    [Fact]
    public void Demo_with_a_missing_case_file_fails_with_one_line()
    {
        var (code, _, error) = Onething("demo", "--out", _dir.File("x"), "--case", _dir.File("missing.json"));
        Assert.NotEqual(0, code);
        Assert.StartsWith("error:", error.Trim().Split('\n')[^1]);
    }

    private static (int ExitCode, string Output, string Error) Onething(params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "onething.dll"));
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(300_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("onething did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => _dir.Dispose();
}
