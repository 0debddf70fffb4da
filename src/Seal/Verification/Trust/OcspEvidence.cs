using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>A parsed OCSP response with its certificates parsed once (BouncyCastle re-parses them on every <c>GetCerts()</c>).</summary>
public sealed record OcspEvidence(BasicOcspResp Response, IReadOnlyList<X509Certificate> Certificates)
{
    public static OcspEvidence Of(BasicOcspResp response) => new(response, response.GetCerts());
}
