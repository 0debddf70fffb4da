using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Documents;
using OneThing.SigningApi.Intake;
using OneThing.SigningApi.Notifications;
using OneThing.SigningApi.PostSeal;
using OneThing.SigningApi.Staff;
using OneThing.SigningApi.Telemetry;
using OneThing.SigningApi.Verification;
using Scalar.AspNetCore;

namespace OneThing.SigningApi.Hosting;

public static class SigningApiEndpointExtensions
{
    /// <summary>The middleware pipeline, the documentation and health endpoints, and every feature's endpoints under <c>/api/v1</c>.</summary>
    public static WebApplication MapSigningApi(this WebApplication app)
    {
        app.UseMiddleware<ResponseHardening>();
        // Strict-Transport-Security on HTTPS responses only (the middleware skips plain HTTP and
        // localhost); not in Development, where a browser would pin HTTPS onto a developer's localhost.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // Before idempotency: it hashes the whole body, so the cap must already be in place.
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();

        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.PublicDocsEnabled(app.Environment))
        {
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference("/api-docs").AllowAnonymous();
        }
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapTelemetry();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapApplicantAccessEndpoints();
        api.MapCaseEndpoints();
        api.MapDocumentEndpoints();
        api.MapApplicantSigningEndpoints();
        api.MapStaffEndpoints();
        api.MapVerificationEndpoints();
        api.MapDisbursementEndpoints();
        api.MapAuditEndpoints();
        if (app.Services.UsesSmsGateway()) api.MapSmsDeliveryReportEndpoints();
        // The development issuer exists only in embedded mode, and that only in Development (DevelopmentStandIns);
        // the simulated SMS outbox is shown beside it.
        if (app.Environment.IsDevelopment() && app.Services.GetService<DevelopmentTokenIssuer>() is not null)
        {
            api.MapDevelopmentEndpoints();
            if (app.Services.GetService<SimulatedSmsSender>() is not null) api.MapSimulatedSmsEndpoints();
        }
        return app;
    }
}
