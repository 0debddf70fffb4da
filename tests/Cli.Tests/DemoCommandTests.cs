using System.Diagnostics;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
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

        // ltv-renew appends a DSS and a second document timestamp; the earlier bytes stay as they were.
        var renewedPath = _dir.File("renewed.pdf");
        var renew = Onething("ltv-renew", "--in", pdfs[0], "--out", renewedPath, "--pki", Path.Combine(outDir, "pki"));
        Assert.True(renew.ExitCode == 0, $"ltv-renew failed:\n{renew.Output}\n{renew.Error}");
        var before = File.ReadAllBytes(pdfs[0]);
        var renewed = File.ReadAllBytes(renewedPath);
        Assert.True(renewed.AsSpan(0, before.Length).SequenceEqual(before));
        Assert.Equal(2, Validators.SignaturesOf(renewed).Count(s => s.SubFilter == "ETSI.RFC3161"));
        Validators.AssertPdfsigAllValid(renewed, anchors, 4);
        Assert.Equal(6, Validators.VerifyAllWithOpenSsl(renewed, anchors));

        // sign: a PKCS#12 key of the same PKI signs a freshly rendered document's Borrower field with a handwriting image.
        var key = InMemoryPrivateKey.Generate(KeyAlgorithm.EcdsaP256);
        var certificate = served.Pki.IssueSignerCertificate("王建国", "510603199001011231", key.PublicKey);
        var p12 = _dir.File("borrower.p12");
        Pkcs12KeyFile.Save(p12, "borrower", key, certificate, served.Pki.IssuingCa.Chain, "secret");
        var unsigned = _dir.File("unsigned.pdf");
        var render = Onething("render", "--case", Path.Combine(RepositoryRoot(), "samples", "deyang-couple-equal-instalment.json"), "--document", "deduction-authorization", "--out", unsigned);
        Assert.True(render.ExitCode == 0, render.Error);
        var signedPath = _dir.File("signed.pdf");
        var sign = Onething("sign", "--in", unsigned, "--out", signedPath, "--field", "Borrower", "--p12", p12, "--password", "secret", "--pki", Path.Combine(outDir, "pki"),
            "--image", Path.Combine(RepositoryRoot(), "samples", "handwriting", "borrower.png"));
        Assert.True(sign.ExitCode == 0, $"sign failed:\n{sign.Output}\n{sign.Error}");
        var signed = File.ReadAllBytes(signedPath);
        Validators.AssertPdfsigAllValid(signed, anchors, 1);
        Assert.Equal(1, Validators.VerifyAllWithOpenSsl(signed, anchors));

        var wrongPassword = Onething("sign", "--in", unsigned, "--out", _dir.File("never.pdf"), "--field", "Borrower", "--p12", p12, "--password", "nope", "--pki", Path.Combine(outDir, "pki"));
        Assert.Equal(1, wrongPassword.ExitCode);
        Assert.StartsWith("error:", wrongPassword.Error.Trim());
        Assert.False(File.Exists(_dir.File("never.pdf")));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneThing.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
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
