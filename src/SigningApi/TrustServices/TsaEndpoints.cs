using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Timestamps;

namespace OneThing.SigningApi.TrustServices;

/// <summary>
/// <c>POST /tsa</c>: RFC 3161 over HTTP (§3.4). A TimeStampReq in, a TimeStampResp out; malformed
/// or unacceptable requests get a rejection TimeStampResp (what TSA clients understand) with HTTP 200.
/// </summary>
internal static class TsaEndpoints
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PostTimestampRequest(HttpRequest request, ProductPki pki, CancellationToken cancellationToken)
    {
        if (!BinaryBody.HasContentType(request, HttpTimestampClient.QueryMediaType))
        {
            return BinaryBody.WrongType(HttpTimestampClient.QueryMediaType);
        }

        var body = await BinaryBody.ReadAsync(request, cancellationToken);
        return body is null ? BinaryBody.TooLarge() : TypedResults.Bytes(pki.TimestampAuthority.Respond(body), HttpTimestampClient.ReplyMediaType);
    }
}
