using Microsoft.AspNetCore.Http.HttpResults;
using OneThing.Seal.Pki;

namespace OneThing.SigningApi.TrustServices;

/// <summary><c>GET /pki/crl/{caName}.crl</c>: the CA's current CRL (DER), as named in certificates' CRL distribution points.</summary>
internal static class CrlEndpoints
{
    public const string MediaType = "application/pkix-crl";

    public static Results<FileContentHttpResult, ProblemHttpResult> GetCrl(string caName, ProductPki pki, HttpResponse response)
    {
        if (!pki.Authorities.Any(a => a.Name == caName))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown CA", detail: $"There is no CA named '{caName}'.");
        }

        var crl = pki.GetCrl(caName);
        // Caches may keep it until shortly before the next update.
        var maxAge = crl.NextUpdate is { } next ? Math.Max(0, (int)(next - DateTime.UtcNow).TotalSeconds / 2) : 0;
        response.Headers.CacheControl = $"public, max-age={maxAge}";
        return TypedResults.Bytes(crl.GetEncoded(), MediaType);
    }
}
