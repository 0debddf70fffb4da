using System.Diagnostics;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Store;

namespace OneThing.Cli.Tests;

/// <summary><c>onething pki init|issue|revoke|export-trust</c>, run as the real executable and checked with openssl.</summary>
public sealed class PkiCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("onething-pki-cli-").FullName;

    private string Pki => Path.Combine(_dir, "pki");

    [Fact]
    public void An_sm2_pki_issues_sm2_applicant_keys_whose_pkcs12_openssl_reads_and_whose_chain_it_verifies()
    {
        Assert.Equal(0, Onething(null, "pki", "init", "--dir", Pki, "--key-algorithm", "sm2").ExitCode);
        var root = Path.Combine(_dir, "root.pem");
        var issuing = Path.Combine(_dir, "issuing.pem");
        Assert.Equal(0, Onething(null, "pki", "export-trust", "--dir", Pki, "--out", root).ExitCode);
        File.Copy(Path.Combine(Pki, "certs", "issuing-ca.pem"), issuing);
        var p12 = Path.Combine(_dir, "applicant.p12");
        var issue = Onething(null, "pki", "issue", "--dir", Pki, "--profile", "applicant", "--name", "张三", "--id-number", "11010519491231002X", "--out", p12);
        Assert.True(issue.ExitCode == 0, issue.Error);

        var cert = Path.Combine(_dir, "applicant.pem");
        Tool("openssl", "pkcs12", "-in", p12, "-passin", "pass:" + PkiOptions.DevelopmentKeyPassword, "-nokeys", "-clcerts", "-out", cert);
        var key = Tool("openssl", "pkcs12", "-in", p12, "-passin", "pass:" + PkiOptions.DevelopmentKeyPassword, "-nocerts", "-nodes");
        Assert.Contains("ASN1 OID: SM2", Tool("openssl", "x509", "-in", cert, "-noout", "-text"));
        Assert.Contains("BEGIN PRIVATE KEY", key);
        Assert.Contains(": OK", Tool("openssl", "verify", "-vfyopt", "distid:1234567812345678", "-CAfile", root, issuing));
        Assert.Contains(": OK", Tool("openssl", "verify", "-vfyopt", "distid:1234567812345678", "-partial_chain", "-CAfile", issuing, cert));
    }

    [Fact]
    public void Init_issue_revoke_and_export_trust_work_together()
    {
        var init = Onething(null, "pki", "init", "--dir", Pki, "--base-url", "https://esign.example.cn", "--centre", "成都住房公积金管理中心", "--seal-code", "5101000000009");
        Assert.True(init.ExitCode == 0, init.Error);
        Assert.Contains("DEVELOPMENT PKI", init.Output);
        Assert.Contains("CentreSeal", init.Output);

        var trust = Path.Combine(_dir, "trust.pem");
        Assert.Equal(0, Onething(null, "pki", "export-trust", "--dir", Pki, "--out", trust, "--with-intermediates").ExitCode);

        var p12 = Path.Combine(_dir, "applicant.p12");
        var issue = Onething(null, "pki", "issue", "--dir", Pki, "--profile", "applicant", "--name", "张三", "--id-number", "11010519491231002X", "--out", p12);
        Assert.True(issue.ExitCode == 0, issue.Error);
        var cert = Path.Combine(_dir, "applicant.pem");
        Tool("openssl", "pkcs12", "-in", p12, "-passin", "pass:" + PkiOptions.DevelopmentKeyPassword, "-nokeys", "-clcerts", "-out", cert);
        Assert.Contains(": OK", Tool("openssl", "verify", "-CAfile", trust, cert));
        var serial = Tool("openssl", "x509", "-in", cert, "-noout", "-serial").Trim();

        var revoke = Onething(null, "pki", "revoke", "--dir", Pki, "--serial", serial, "--reason", "key-compromise");
        Assert.True(revoke.ExitCode == 0, revoke.Error);
        Assert.Contains("KeyCompromise", revoke.Output);
        using var pki = PkiDirectory.Open(new PkiOptions { Directory = Pki }, TimeProvider.System);
        Assert.NotNull(pki.GetCrl("issuing-ca").GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serial["serial=".Length..], 16)));
        Assert.Equal("成都住房公积金管理中心", pki.Seals.Single().CentreName);
    }

    [Fact]
    public void A_seal_key_can_be_generated_inside_a_softhsm_token()
    {
        var tokens = Path.Combine(_dir, "tokens");
        Directory.CreateDirectory(tokens);
        var config = Path.Combine(_dir, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        var env = new Dictionary<string, string> { ["SOFTHSM2_CONF"] = config, ["ONETHING_PKCS11_PIN"] = "1234" };
        Tool("softhsm2-util", env, "--init-token", "--free", "--label", "seals", "--pin", "1234", "--so-pin", "5678");
        Assert.Equal(0, Onething(env, "pki", "init", "--dir", Pki).ExitCode);

        var issue = Onething(env, "pki", "issue", "--dir", Pki, "--profile", "centre-seal", "--centre", "德阳市住房公积金管理中心", "--seal-code", "HSM-1", "--token", "seals");
        Assert.True(issue.ExitCode == 0, issue.Error);
        Assert.Contains("PKCS#11 token 'seals'", issue.Output);
        Assert.DoesNotContain(Directory.GetFiles(Pki, "*HSM*.p12", SearchOption.AllDirectories), _ => true);
        var keys = Tool("softhsm2-util", env, "--show-slots");
        Assert.Contains("seals", keys);
    }

    [Fact]
    public void Init_refuses_a_non_empty_directory_with_one_line()
    {
        File.WriteAllText(Path.Combine(_dir, "something.txt"), "x");
        var result = Onething(null, "pki", "init", "--dir", _dir);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error.Trim());
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void A_production_pki_needs_a_password_from_the_environment()
    {
        var result = Onething(new Dictionary<string, string> { ["ONETHING_PKI_PASSWORD"] = "" }, "pki", "init", "--dir", Pki, "--production");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("ONETHING_PKI_PASSWORD", result.Error);
        Assert.False(Directory.Exists(Pki));
    }

    [Fact]
    public void Bad_input_to_issue_and_revoke_is_refused_clearly()
    {
        Assert.Equal(0, Onething(null, "pki", "init", "--dir", Pki).ExitCode);
        var badId = Onething(null, "pki", "issue", "--dir", Pki, "--profile", "applicant", "--name", "张三", "--id-number", "123", "--out", Path.Combine(_dir, "x.p12"));
        Assert.Equal(2, badId.ExitCode);
        Assert.Contains("18-character resident identity number", badId.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "x.p12")));

        var badSerial = Onething(null, "pki", "revoke", "--dir", Pki, "--serial", "xyz");
        Assert.Equal(2, badSerial.ExitCode);
        var unknown = Onething(null, "pki", "revoke", "--dir", Pki, "--serial", "ABCDEF");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No certificate with serial number abcdef", unknown.Error);
    }

    private static (int ExitCode, string Output, string Error) Onething(IDictionary<string, string>? environment, params string[] arguments) =>
        Start("dotnet", environment, [Path.Combine(AppContext.BaseDirectory, "onething.dll"), .. arguments]);

    private static string Tool(string tool, params string[] arguments) => Tool(tool, null, arguments);

    private static string Tool(string tool, IDictionary<string, string>? environment, params string[] arguments)
    {
        var result = Start(tool, environment, arguments);
        Assert.True(result.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Output}{result.Error}");
        return result.Output + result.Error;
    }

    private static (int ExitCode, string Output, string Error) Start(string tool, IDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' is required by this test but is not installed; run ./test.sh (it installs openssl and softhsm2).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} did not finish in 120 s");
            }

            return (process.ExitCode, output.Result, error.Result);
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
