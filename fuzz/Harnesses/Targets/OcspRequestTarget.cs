using Org.BouncyCastle.Ocsp;
using OneThing.Seal.Pki.Revocation;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>ocsp-request</c>: the bytes of a <c>POST /pki/ocsp</c> body (or the decoded GET path), answered by
/// <see cref="OcspResponder.Respond(ReadOnlySpan{byte})"/> as the endpoint does. Properties: it never throws;
/// its answer is a DER OCSPResponse; a body that is not an OCSPRequest gets malformedRequest; a
/// successful answer has one single response per certificate asked about, for the same CertID.
/// </summary>
public sealed class OcspRequestTarget : IFuzzTarget
{
    public const string HarnessName = "ocsp-request";

    private readonly OcspResponder _responder = TrustServicesPki.Create().OcspResponder;

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented =>
        ["OneThing.Seal.Pki.dll", "BouncyCastle.Cryptography.dll Org.BouncyCastle.Ocsp Org.BouncyCastle.Asn1"];

    public void Run(ReadOnlySpan<byte> input)
    {
        Req[]? asked;
        try
        {
            asked = new OcspReq(input.ToArray()).GetRequestList();
        }
        catch (Exception)
        {
            // Any failure of BouncyCastle's own parse: the body is not an OCSP request, whatever the exception type.
            asked = null;
        }

        byte[] answer;
        try
        {
            answer = _responder.Respond(input);
        }
        catch (Exception e)
        {
            throw new PropertyViolationException($"the OCSP responder threw {e.GetType().Name} instead of answering with an OCSPResponse: {e.Message}", e);
        }
        var response = new OcspResp(answer);
        if (asked is null)
        {
            if (response.Status != OcspRespStatus.MalformedRequest)
            {
                throw new PropertyViolationException($"a body that is not an OCSPRequest got status {response.Status}, not malformedRequest");
            }
            return;
        }
        if (response.Status != OcspRespStatus.Successful)
        {
            return;
        }
        var basic = (BasicOcspResp)response.GetResponseObject();
        var answered = basic.Responses;
        if (answered.Length != asked.Length)
        {
            throw new PropertyViolationException($"{asked.Length} certificates asked about, {answered.Length} answered");
        }
        for (var i = 0; i < asked.Length; i++)
        {
            if (!answered[i].GetCertID().Equals(asked[i].GetCertID()))
            {
                throw new PropertyViolationException($"answer {i} is for another certificate than asked");
            }
        }
    }
}
