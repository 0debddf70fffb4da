using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.TrustServices;

/// <summary><c>GET /pki/ca/{caName}.crt</c>: a CA certificate (DER), the AIA caIssuers target for path building.</summary>
internal static class CaCertificateEndpoints
{
    public const string MediaType = "application/pkix-cert";

    public static Results<FileContentHttpResult, ProblemHttpResult> GetCaCertificate(string caName, ProductPki pki)
    {
        var authority = pki.Authorities.FirstOrDefault(a => a.Name == caName);
        return authority is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown CA", detail: $"There is no CA named '{caName}'.")
            : TypedResults.Bytes(authority.Certificate.GetEncoded(), MediaType);
    }
}
