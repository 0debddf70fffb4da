namespace OneThing.Seal.Pki.Authority;

/// <summary>
/// Where the product publishes its trust services; these URLs go into every certificate's CRL
/// distribution point and AIA extensions, so they must be the public address of the service.
/// </summary>
public sealed class PkiUrls
{
    private readonly string _base;

    public PkiUrls(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The PKI base URL '{baseUrl}' must be an absolute http(s) URL.", nameof(baseUrl));
        }

        _base = uri.ToString().TrimEnd('/');
    }

    public string BaseUrl => _base;

    public string Crl(string caName) => $"{_base}/pki/crl/{caName}.crl";

    public string CaCertificate(string caName) => $"{_base}/pki/ca/{caName}.crt";

    public string Ocsp => $"{_base}/pki/ocsp";

    public string Tsa => $"{_base}/tsa";
}
