using System.CommandLine;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Revocation;
using OneThing.Seal.Pki.Store;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.X509;

namespace OneThing.Cli.Commands;

/// <summary>
/// The trust services `sign` and `ltv-renew` use: the product PKI directory (its built-in TSA and
/// its own OCSP/CRL) or an external RFC 3161 TSA over HTTP and online revocation from AIA/CDP URLs.
/// </summary>
internal sealed class SignServices : IDisposable
{
    private readonly HttpClient _http;

    private SignServices(HttpClient http, ProductPki? pki, ITimestampClient timestamps, IRevocationSource revocation, IReadOnlyList<X509Certificate> chain)
    {
        _http = http;
        Pki = pki;
        Timestamps = timestamps;
        Revocation = revocation;
        KnownChain = chain;
    }

    public ProductPki? Pki { get; }
    public ITimestampClient Timestamps { get; }
    public IRevocationSource Revocation { get; }
    public IReadOnlyList<X509Certificate> KnownChain { get; }

    /// <summary>The command-line options selecting the services; one set per command.</summary>
    public sealed class Options
    {
        public Option<DirectoryInfo?> Pki { get; } = new("--pki") { Description = "Product PKI directory: its TSA timestamps and its OCSP/CRL answer for its certificates." };
        public Option<Uri?> TsaUrl { get; } = new("--tsa-url") { Description = "External RFC 3161 TSA (instead of the PKI's built-in one)." };
        public Option<FileInfo?> TsaTrust { get; } = new("--tsa-trust") { Description = "PEM anchors of the external TSA's certificate." };
        public Option<FileInfo?> Chain { get; } = new("--chain") { Description = "PEM file of issuing/root CA certificates to include in validation data." };

        public Options AddTo(Command command)
        {
            command.Options.Add(Pki);
            command.Options.Add(TsaUrl);
            command.Options.Add(TsaTrust);
            command.Options.Add(Chain);
            return this;
        }
    }

    public static SignServices Create(ParseResult parseResult, Options options)
    {
        var pkiDir = parseResult.GetValue(options.Pki);
        var tsaUrl = parseResult.GetValue(options.TsaUrl);
        if (pkiDir is null && tsaUrl is null)
        {
            throw new InvalidOperationException("give --pki DIR (built-in TSA) or --tsa-url URL with --tsa-trust FILE");
        }
        ProductPki? pki = null;
        if (pkiDir is not null)
        {
            if (!PkiDirectory.Exists(pkiDir.FullName))
            {
                throw new InvalidOperationException($"{pkiDir.FullName} holds no PKI (run `onething demo` or `onething pki init`)");
            }
            var manifest = PkiDirectory.ReadManifest(pkiDir.FullName);
            pki = PkiDirectory.Open(new PkiOptions { Directory = pkiDir.FullName, BaseUrl = manifest.BaseUrl }, TimeProvider.System);
        }
        var chain = new List<X509Certificate>();
        if (parseResult.GetValue(options.Chain) is { } chainFile)
        {
            chain.AddRange(ReadPem(chainFile.FullName));
        }
        if (pki is not null)
        {
            chain.AddRange(pki.IssuingCa.Chain);
        }
        var http = new HttpClient();
        ITimestampClient timestamps;
        if (tsaUrl is not null)
        {
            var trust = parseResult.GetValue(options.TsaTrust) ?? throw new InvalidOperationException("--tsa-url needs --tsa-trust FILE.pem");
            timestamps = new HttpTimestampClient(http, new HttpTimestampClientOptions { Url = tsaUrl, TrustAnchors = ReadPem(trust.FullName) }, TimeProvider.System);
        }
        else
        {
            timestamps = pki!.TimestampClient;
        }
        IRevocationSource revocation = pki?.RevocationSource ?? new HttpRevocationSource(http, TimeProvider.System);
        return new SignServices(http, pki, timestamps, revocation, chain);
    }

    public static IReadOnlyList<X509Certificate> ReadPem(string path)
    {
        var parser = new X509CertificateParser();
        using var stream = File.OpenRead(path);
        var certificates = parser.ReadCertificates(stream).ToList();
        return certificates.Count > 0 ? certificates : throw new InvalidOperationException($"{path} holds no certificate");
    }

    public void Dispose()
    {
        Pki?.Dispose();
        _http.Dispose();
    }
}
