using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Verification.Trust;

/// <summary>
/// Certificates and revocation evidence available for validation: from the CMS structures and the
/// document's DSS, plus whatever was fetched online.
/// </summary>
public sealed class ValidationMaterial
{
    private readonly List<X509Certificate> _certificates = [];
    private readonly HashSet<X509Certificate> _seen = []; // BouncyCastle certificates are equal when their encodings are
    private readonly List<OcspEvidence> _ocsp = [];
    private readonly List<X509Crl> _crls = [];

    public IReadOnlyList<X509Certificate> Certificates => _certificates;
    public IReadOnlyList<OcspEvidence> OcspResponses => _ocsp;
    public IReadOnlyList<X509Crl> Crls => _crls;

    /// <summary>Whether any evidence came from the document's DSS (needed for B-LT).</summary>
    public bool HasDss { get; set; }

    public void AddCertificates(IEnumerable<X509Certificate> certificates)
    {
        foreach (var certificate in certificates)
        {
            if (_seen.Add(certificate))
            {
                _certificates.Add(certificate);
            }
        }
    }

    public void AddOcsp(BasicOcspResp response) => AddOcsp(OcspEvidence.Of(response));

    public void AddOcsp(OcspEvidence evidence)
    {
        _ocsp.Add(evidence);
        AddCertificates(evidence.Certificates);
    }

    public void AddCrl(X509Crl crl) => _crls.Add(crl);

    /// <summary>Parses a DER OCSP response (full OCSPResponse or bare BasicOCSPResponse); null when malformed or not successful.</summary>
    public static BasicOcspResp? ParseOcsp(byte[] der)
    {
        try
        {
            var response = new OcspResp(der);
            return response.Status == OcspRespStatus.Successful ? response.GetResponseObject() as BasicOcspResp : null;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            try
            {
                return new BasicOcspResp(Org.BouncyCastle.Asn1.Ocsp.BasicOcspResponse.GetInstance(der));
            }
            catch (Exception inner) when (inner is IOException or ArgumentException or InvalidCastException or InvalidOperationException)
            {
                return null;
            }
        }
    }

    public static X509Crl? ParseCrl(byte[] der)
    {
        try
        {
            return new X509CrlParser().ReadCrl(der);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CrlException)
        {
            return null;
        }
    }
}
