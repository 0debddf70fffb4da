using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki.Revocation;

/// <summary>
/// RFC 6960 OCSP responder for the product's CAs: DER request in, DER response out. Answers good,
/// revoked (with time and reason) or unknown (never issued here) from each CA's registry, echoes the
/// nonce, and answers malformedRequest/unauthorized instead of throwing at bad input.
/// </summary>
public sealed class OcspResponder(IReadOnlyList<OcspSigner> signers, TimeSpan validity, TimeProvider clock)
{
    public byte[] Respond(ReadOnlySpan<byte> requestDer)
    {
        OcspReq request;
        try
        {
            request = new OcspReq(requestDer.ToArray());
            _ = request.GetRequestList();
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            return Status(OcspRespStatus.MalformedRequest);
        }

        return Respond(request).GetEncoded();
    }

    public OcspResp Respond(OcspReq request)
    {
        var requests = request.GetRequestList();
        if (requests.Length == 0)
        {
            return StatusResponse(OcspRespStatus.MalformedRequest);
        }

        // All certificates in one request must come from one of our CAs; a response has one signer.
        var signer = signers.FirstOrDefault(s => requests.All(r => Matches(r.GetCertID(), s)));
        if (signer is null)
        {
            return StatusResponse(OcspRespStatus.Unauthorized);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var generator = new BasicOcspRespGenerator(new RespID(signer.SigningCertificate.SubjectDN));
        foreach (var single in requests)
        {
            var id = single.GetCertID();
            var record = signer.Authority.Registry.Find(id.SerialNumber);
            CertificateStatus? status = record switch
            {
                null => new UnknownStatus(),
                { IsRevoked: true } => new RevokedStatus(record.RevokedAt!.Value, (int)(record.Reason ?? RevocationReason.Unspecified)),
                _ => CertificateStatus.Good,
            };
            generator.AddResponse(id, status, now, now + validity, null);
        }

        var nonce = request.RequestExtensions?.GetExtension(OcspObjectIdentifiers.PkixOcspNonce);
        if (nonce is not null)
        {
            generator.SetResponseExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, X509Extension>
            {
                [OcspObjectIdentifiers.PkixOcspNonce] = new(false, nonce.Value),
            }));
        }

        X509Certificate[]? chain = signer.ResponderCertificate is null ? null : [signer.ResponderCertificate];
        var basic = generator.Generate(new PrivateKeySignatureFactory(signer.Key), chain, now);
        return new OCSPRespGenerator().Generate(OCSPRespGenerator.Successful, basic);
    }

    private static bool Matches(CertificateID id, OcspSigner signer)
    {
        try
        {
            return id.MatchesIssuer(signer.Authority.Certificate);
        }
        catch (OcspException)
        {
            return false; // unsupported hash algorithm in the CertID
        }
    }

    private static OcspResp StatusResponse(int status) => new OCSPRespGenerator().Generate(status, null);

    private static byte[] Status(int status) => StatusResponse(status).GetEncoded();
}
