using OneThing.Seal.Pki;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
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
        // The SM2 PKI's trust services (its certificates name these URLs), when a centre signs in that family.
        if (app.ServiceProvider.GetRequiredService<CentreDirectory>().Sm2Centres.Count > 0)
        {
            var sm2 = app.MapGroup(CentrePkis.Sm2PathPrefix).AllowAnonymous().WithTags("Trust services").ExcludeFromDescription();
            sm2.MapGet("/pki/crl/{caName}.crl", (string caName, [FromKeyedServices(CentrePkis.Sm2Key)] ProductPki pki, HttpResponse response) => CrlEndpoints.GetCrl(caName, pki, response));
            sm2.MapGet("/pki/ca/{caName}.crt", (string caName, [FromKeyedServices(CentrePkis.Sm2Key)] ProductPki pki) => CaCertificateEndpoints.GetCaCertificate(caName, pki));
            sm2.MapPost("/pki/ocsp", (HttpRequest request, [FromKeyedServices(CentrePkis.Sm2Key)] ProductPki pki, CancellationToken ct) => OcspEndpoints.PostOcspRequest(request, pki, ct))
                .RequireRateLimiting(TrustServiceLimits.OcspPolicy).WithMetadata(TrustServiceLimits.OcspProblem).WithConcurrencyCap(TrustServiceLimits.OcspCap);
            sm2.MapGet("/pki/ocsp/{**encoded}", (string encoded, [FromKeyedServices(CentrePkis.Sm2Key)] ProductPki pki) => OcspEndpoints.GetOcspRequest(encoded, pki))
                .RequireRateLimiting(TrustServiceLimits.OcspPolicy).WithMetadata(TrustServiceLimits.OcspProblem).WithConcurrencyCap(TrustServiceLimits.OcspCap);
            sm2.MapPost("/tsa", (HttpRequest request, [FromKeyedServices(CentrePkis.Sm2Key)] ProductPki pki, CancellationToken ct) => TsaEndpoints.PostTimestampRequest(request, pki, ct))
                .RequireRateLimiting(TrustServiceLimits.TsaPolicy).WithMetadata(TrustServiceLimits.TsaProblem).WithConcurrencyCap(TrustServiceLimits.TsaCap);
        }
        return app;
    }
}
