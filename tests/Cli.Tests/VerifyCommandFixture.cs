using System.Diagnostics;
using System.Text;

namespace OneThing.Cli.Tests;

/// <summary>
/// A PDF signed by another producer (poppler's pdfsig with an NSS key from an openssl-made CA),
/// plus broken inputs, for running <c>onething verify</c> as a process.
/// </summary>
public sealed class VerifyCommandFixture : IDisposable
{
    public VerifyCommandFixture()
    {
        Directory.CreateDirectory(Dir);
        var plain = File("plain.pdf");
        System.IO.File.WriteAllText(File("raw.pdf"),
            "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >> endobj\n"
            + "4 0 obj << /Length 21 >> stream\nBT ET 0 0 m 9 9 l S\nendstream endobj\ntrailer << /Root 1 0 R /Size 5 >>\n%%EOF\n", Encoding.Latin1);
        Run("qpdf", File("raw.pdf"), plain); // rebuilds the xref table (exit 3: warnings about the hand-written one)
        Run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", File("ca.key"), "-out", Anchors,
            "-days", "365", "-subj", "/CN=Cli Test Root", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        System.IO.File.WriteAllText(File("ext.cnf"), "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
        Run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", File("s.key"), "-out", File("s.csr"), "-subj", "/CN=Cli Test Signer");
        Run("openssl", "x509", "-req", "-in", File("s.csr"), "-CA", Anchors, "-CAkey", File("ca.key"), "-CAcreateserial", "-out", File("s.pem"), "-days", "30", "-extfile", File("ext.cnf"));
        Run("openssl", "pkcs12", "-export", "-inkey", File("s.key"), "-in", File("s.pem"), "-certfile", Anchors, "-out", File("s.p12"), "-passout", "pass:pw", "-name", "signer");
        Directory.CreateDirectory(File("nss"));
        Run("certutil", "-N", "-d", "sql:" + File("nss"), "--empty-password");
        Run("pk12util", "-i", File("s.p12"), "-d", "sql:" + File("nss"), "-W", "pw");
        Run("pdfsig", "-nssdir", "sql:" + File("nss"), "-add-signature", "-nick", "signer", "-new-signature-field-name", "Bank", plain, Signed);
        if (!System.IO.File.Exists(Signed))
        {
            throw new InvalidOperationException("pdfsig did not write the signed file");
        }

        var tampered = System.IO.File.ReadAllBytes(Signed);
        tampered[Array.IndexOf(tampered, (byte)'\n') + 2] ^= 1; // inside the signed range, invisible to parsers
        System.IO.File.WriteAllBytes(Tampered, tampered);
        var random = new byte[4096];
        new Random(7).NextBytes(random);
        System.IO.File.WriteAllBytes(Random, random);
        System.IO.File.WriteAllBytes(Empty, []);
    }

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "onething-verify-cli-" + Guid.NewGuid().ToString("N"));
    public string Anchors => File("anchors.pem");
    public string Signed => File("signed.pdf");
    public string Tampered => File("tampered.pdf");
    public string Random => File("random.pdf");
    public string Empty => File("empty.pdf");

    public string File(string name) => Path.Combine(Dir, name);

    /// <summary>Runs <c>onething</c> (the built CLI) and returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Error) Onething(params string[] arguments)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "onething.dll");
        var (code, output, error) = Execute("dotnet", [cli, .. arguments]);
        return (code, output, error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Run(string tool, params string[] arguments)
    {
        var (code, output, error) = Execute(tool, arguments);
        if (code != 0 && !(tool == "qpdf" && code == 3))
        {
            throw new InvalidOperationException($"{tool} failed ({code}): {output}{error}");
        }
    }

    private static (int, string, string) Execute(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"required tool '{tool}' is not installed (test.sh installs it): {e.Message}", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish in 2 minutes");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
