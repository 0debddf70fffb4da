using System.Text.RegularExpressions;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>
/// Another producer's signatures: an openssl-made CA with an RSA and an ECDSA signer imported
/// (as PKCS#12) into an NSS database, used by poppler's <c>pdfsig -add-signature</c>.
/// </summary>
public sealed partial class PdfsigWorkshop : IDisposable
{
    private readonly TempDirectory _dir = new();
    private int _files;

    public PdfsigWorkshop()
    {
        Nss = _dir.File("nss");
        Directory.CreateDirectory(Nss);
        TrustedNss = _dir.File("nss-trusted");
        Directory.CreateDirectory(TrustedNss);
        OpenSsl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", _dir.File("ca.key"), "-out", _dir.File("ca.pem"),
            "-days", "3650", "-subj", "/CN=Pdfsig Test Root/O=Other Producer", "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        File.WriteAllText(_dir.File("ext.cnf"), "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
        Issue("rsa", ["-newkey", "rsa:2048"], "Pdfsig RSA Signer");
        Issue("ec", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "Pdfsig ECDSA Signer");
        Run("certutil", "-N", "-d", "sql:" + Nss, "--empty-password");
        Run("certutil", "-N", "-d", "sql:" + TrustedNss, "--empty-password");
        Run("certutil", "-A", "-d", "sql:" + TrustedNss, "-n", "root", "-t", "CT,C,C", "-i", _dir.File("ca.pem"));
        foreach (var nick in new[] { "rsa", "ec" })
        {
            Run("pk12util", "-i", _dir.File(nick + ".p12"), "-d", "sql:" + Nss, "-W", "pw");
        }
        AnchorsPem = File.ReadAllText(_dir.File("ca.pem"));
    }

    /// <summary>NSS database holding the signing keys (CA not trusted).</summary>
    public string Nss { get; }

    /// <summary>NSS database trusting the CA, for pdfsig's own verification.</summary>
    public string TrustedNss { get; }

    public string AnchorsPem { get; }

    /// <summary>Adds a new signature field and signs it as an incremental update, with the key <paramref name="nick"/> ("rsa" or "ec").</summary>
    public byte[] AddSignature(byte[] pdf, string nick, string fieldName)
    {
        // pdfsig 22.12 now and then writes a signature its own check calls a "Digest Mismatch"
        // (seen with ECDSA keys, sometimes several times in a row); such a file is not a fair sample of
        // the other producer, so sign again — and never hand a file pdfsig itself rejects to a test.
        const int attempts = 12;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var signed = AddSignatureOnce(pdf, nick, fieldName);
            if (PdfsigIntegrity(signed).All(valid => valid))
            {
                return signed;
            }
        }
        throw new InvalidOperationException($"pdfsig -add-signature wrote a signature its own check rejects {attempts} times in a row");
    }

    private byte[] AddSignatureOnce(byte[] pdf, string nick, string fieldName)
    {
        var input = _dir.File($"in{++_files}.pdf");
        var output = _dir.File($"out{_files}.pdf");
        File.WriteAllBytes(input, pdf);
        var result = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + Nss, "-add-signature", "-nick", nick, "-new-signature-field-name", fieldName, input, output]);
        if (!File.Exists(output))
        {
            throw new InvalidOperationException("pdfsig -add-signature failed: " + result.Output);
        }
        return File.ReadAllBytes(output);
    }

    /// <summary>pdfsig's integrity verdict per signature, in its order: true for "Signature is Valid", false for "Digest Mismatch".</summary>
    public IReadOnlyList<bool> PdfsigIntegrity(byte[] pdf)
    {
        var path = _dir.File($"check{++_files}.pdf");
        File.WriteAllBytes(path, pdf);
        var output = ExternalTool.Run("pdfsig", ["-nssdir", "sql:" + TrustedNss, path]).Output;
        var verdicts = ValidationLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        if (verdicts.Count == 0)
        {
            throw new InvalidOperationException("pdfsig reported no signature: " + output);
        }
        return verdicts.Select(v => v switch
        {
            "Signature is Valid." => true,
            "Digest Mismatch." => false,
            _ => throw new InvalidOperationException($"unexpected pdfsig verdict '{v}'"),
        }).ToArray();
    }

    public void Dispose() => _dir.Dispose();

    [GeneratedRegex(@"Signature Validation: (.+?)\r?$", RegexOptions.Multiline)]
    private static partial Regex ValidationLine();

    private void Issue(string nick, string[] keySpec, string commonName)
    {
        OpenSsl(["req", .. keySpec, "-nodes", "-keyout", _dir.File(nick + ".key"), "-out", _dir.File(nick + ".csr"), "-subj", $"/CN={commonName}/O=Other Producer"]);
        OpenSsl("x509", "-req", "-in", _dir.File(nick + ".csr"), "-CA", _dir.File("ca.pem"), "-CAkey", _dir.File("ca.key"), "-CAcreateserial",
            "-out", _dir.File(nick + ".pem"), "-days", "365", "-extfile", _dir.File("ext.cnf"));
        OpenSsl("pkcs12", "-export", "-inkey", _dir.File(nick + ".key"), "-in", _dir.File(nick + ".pem"), "-certfile", _dir.File("ca.pem"),
            "-out", _dir.File(nick + ".p12"), "-passout", "pass:pw", "-name", nick);
    }

    private static void OpenSsl(params string[] arguments) => Run("openssl", arguments);

    private static void Run(string tool, params string[] arguments)
    {
        var result = ExternalTool.Run(tool, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed: {result.Output}");
        }
    }
}
