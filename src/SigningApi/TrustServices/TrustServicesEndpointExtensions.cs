using OneThing.SigningApi.Core.Limits;

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
        // Each OCSP answer and timestamp is a signature: limited per client (429) and capped per instance (503).
        group.MapPost("/pki/ocsp", OcspEndpoints.PostOcspRequest).RequireRateLimiting(TrustServiceLimits.OcspPolicy)
            .WithMetadata(TrustServiceLimits.OcspProblem).WithConcurrencyCap(TrustServiceLimits.OcspCap);
        group.MapGet("/pki/ocsp/{**encoded}", OcspEndpoints.GetOcspRequest).RequireRateLimiting(TrustServiceLimits.OcspPolicy)
            .WithMetadata(TrustServiceLimits.OcspProblem).WithConcurrencyCap(TrustServiceLimits.OcspCap);
        group.MapPost("/tsa", TsaEndpoints.PostTimestampRequest).RequireRateLimiting(TrustServiceLimits.TsaPolicy)
            .WithMetadata(TrustServiceLimits.TsaProblem).WithConcurrencyCap(TrustServiceLimits.TsaCap);
        return app;
    }
}
