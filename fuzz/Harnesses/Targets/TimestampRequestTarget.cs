using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Tsp;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>tsa-request</c>: the bytes of a <c>POST /tsa</c> body, answered by <see cref="TimestampAuthority.Respond(ReadOnlySpan{byte})"/>
/// as the endpoint does. Properties: it never throws; its answer is a DER TimeStampResp; a body that
/// is not a TimeStampReq gets a rejection with a failure code, never a token; a granted token
/// timestamps exactly the request's imprint and echoes its nonce.
/// </summary>
public sealed class TimestampRequestTarget : IFuzzTarget
{
    public const string HarnessName = "tsa-request";

    private readonly TimestampAuthority _tsa = TrustServicesPki.Create().TimestampAuthority;

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented =>
        ["OneThing.Seal.Pki.dll", "BouncyCastle.Cryptography.dll Org.BouncyCastle.Tsp Org.BouncyCastle.Asn1 Org.BouncyCastle.Cms"];

    public void Run(ReadOnlySpan<byte> input)
    {
        TimeStampRequest? request;
        try
        {
            request = new TimeStampRequest(input.ToArray());
            _ = request.MessageImprintDigest;
        }
        catch (Exception)
        {
            // Any failure of BouncyCastle's own parse: the request is not one, whatever the exception type.
            request = null;
        }

        byte[] answer;
        try
        {
            answer = _tsa.Respond(input);
        }
        catch (Exception e)
        {
            throw new PropertyViolationException($"the TSA threw {e.GetType().Name} instead of answering with a TimeStampResp: {e.Message}", e);
        }
        var response = new TimeStampResponse(answer);
        var granted = response.Status is (int)PkiStatus.Granted or (int)PkiStatus.GrantedWithMods;
        if (request is null && (granted || response.TimeStampToken is not null))
        {
            throw new PropertyViolationException("a body that is not a TimeStampReq was granted a token");
        }
        if (!granted)
        {
            if (response.GetFailInfo() is null)
            {
                throw new PropertyViolationException($"rejection (status {response.Status}) without a failure code");
            }
            return;
        }
        var token = response.TimeStampToken ?? throw new PropertyViolationException("granted without a token");
        var info = token.TimeStampInfo;
        if (!info.GetMessageImprintDigest().AsSpan().SequenceEqual(request!.GetMessageImprintDigest())
            || info.MessageImprintAlgOid != request.MessageImprintAlgOid)
        {
            throw new PropertyViolationException("the token timestamps another imprint than the request's");
        }
        if (!Equals(info.Nonce, request.Nonce))
        {
            throw new PropertyViolationException("the token does not echo the request's nonce");
        }
    }
}
