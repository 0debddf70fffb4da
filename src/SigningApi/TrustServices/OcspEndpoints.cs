using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.TrustServices;

/// <summary>
/// OCSP (RFC 6960 appendix A): <c>POST /pki/ocsp</c> with an application/ocsp-request body, or
/// <c>GET /pki/ocsp/{base64 request}</c>. Protocol-level faults are OCSP responses
/// (malformedRequest, unauthorized), as OCSP clients expect; HTTP-level faults are problem details.
/// </summary>
internal static class OcspEndpoints
{
    public const string RequestMediaType = "application/ocsp-request";
    public const string ResponseMediaType = "application/ocsp-response";

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PostOcspRequest(HttpRequest request, ProductPki pki, CancellationToken cancellationToken)
    {
        if (!BinaryBody.HasContentType(request, RequestMediaType))
        {
            return BinaryBody.WrongType(RequestMediaType);
        }

        var body = await BinaryBody.ReadAsync(request, cancellationToken);
        return body is null ? BinaryBody.TooLarge() : TypedResults.Bytes(pki.OcspResponder.Respond(body), ResponseMediaType);
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> GetOcspRequest(string encoded, ProductPki pki)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(Uri.UnescapeDataString(encoded));
        }
        catch (FormatException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed OCSP request",
                detail: "The path must carry a base64-encoded DER OCSPRequest (RFC 6960 A.1).");
        }

        return TypedResults.Bytes(pki.OcspResponder.Respond(der), ResponseMediaType);
    }
}
