namespace OneThing.SigningApi.TrustServices;

public static class TrustServicesEndpointExtensions
{
    /// <summary>
    /// The public trust services relying parties fetch without credentials: CRLs, CA certificates
    /// (AIA caIssuers), OCSP and the RFC 3161 TSA. Their URLs are inside the certificates.
    /// </summary>
    public static IEndpointRouteBuilder MapTrustServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AllowAnonymous().WithTags("Trust services").ExcludeFromDescription();
        group.MapGet("/pki/crl/{caName}.crl", CrlEndpoints.GetCrl);
        group.MapGet("/pki/ca/{caName}.crt", CaCertificateEndpoints.GetCaCertificate);
        group.MapPost("/pki/ocsp", OcspEndpoints.PostOcspRequest);
        group.MapGet("/pki/ocsp/{**encoded}", OcspEndpoints.GetOcspRequest);
        group.MapPost("/tsa", TsaEndpoints.PostTimestampRequest);
        return app;
    }
}
