using OneThing.Seal.Pki;

namespace OneThing.SigningApi.TrustServices;

/// <summary><c>GET /pki/ca/{caName}.crt</c>: a CA certificate (DER), the AIA caIssuers target for path building.</summary>
internal static class CaCertificateEndpoints
{
    public const string MediaType = "application/pkix-cert";

    public static void MapCaCertificateEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/pki/ca/{caName}.crt", (string caName, ProductPki pki) =>
        {
            var authority = pki.Authorities.FirstOrDefault(a => a.Name == caName);
            return authority is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown CA", detail: $"There is no CA named '{caName}'.")
                : Results.Bytes(authority.Certificate.GetEncoded(), MediaType);
        });
}
