using OneThing.Seal.Pki;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Support;

/// <summary>
/// The product's in-memory PKI with its OCSP responder and CRLs served over HTTP on 127.0.0.1, at
/// the URLs its certificates name: pdfsig (NSS) checks revocation online and reports an "Unknown
/// issue" when the AIA responder cannot be reached.
/// </summary>
public sealed class ServedPki : IDisposable
{
    private readonly LocalHttpServer _server;

    /// <summary>A fresh in-memory PKI whose certificates point at this server.</summary>
    public ServedPki()
        : this(port => ProductPki.CreateInMemory(new PkiOptions { BaseUrl = BaseUrl(port) }), LocalHttpServer.FreePort())
    {
    }

    /// <summary>Serves <paramref name="open"/>'s PKI on <paramref name="port"/> (its certificates must name <see cref="BaseUrl"/> of it).</summary>
    public ServedPki(Func<int, ProductPki> open, int port)
    {
        Pki = open(port);
        _server = new LocalHttpServer(Handle, port);
        AnchorsPem = PemCertificates.Of(Pki.TrustAnchors);
    }

    public static string BaseUrl(int port) => $"http://127.0.0.1:{port}";

    public ProductPki Pki { get; }
    public string AnchorsPem { get; }

    private LocalHttpServer.Reply Handle(string method, string path, byte[] body)
    {
        if (path.StartsWith("/pki/ocsp", StringComparison.Ordinal))
        {
            var request = method == "POST" ? body : Convert.FromBase64String(Uri.UnescapeDataString(path["/pki/ocsp/".Length..]));
            return new LocalHttpServer.Reply(200, "application/ocsp-response", Pki.OcspResponder.Respond(request));
        }
        if (path.StartsWith("/pki/crl/", StringComparison.Ordinal) && path.EndsWith(".crl", StringComparison.Ordinal))
        {
            return new LocalHttpServer.Reply(200, "application/pkix-crl", Pki.GetCrl(path["/pki/crl/".Length..^4]).GetEncoded());
        }
        if (path.StartsWith("/pki/ca/", StringComparison.Ordinal) && path.EndsWith(".crt", StringComparison.Ordinal))
        {
            return new LocalHttpServer.Reply(200, "application/pkix-cert", Pki.GetAuthority(path["/pki/ca/".Length..^4]).Certificate.GetEncoded());
        }
        return new LocalHttpServer.Reply(404, null, []);
    }

    public void Dispose()
    {
        _server.Dispose();
        Pki.Dispose();
    }
}
