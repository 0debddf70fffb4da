using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Cases;
using OneThing.SigningApi.Documents;
using OneThing.SigningApi.Idempotency;
using OneThing.SigningApi.Signing;
using OneThing.SigningApi.Staff;
using OneThing.SigningApi.Verification;
using OneThing.SigningApi.Workflow;
using OneThing.SigningApi.Health;
using Scalar.AspNetCore;

namespace OneThing.SigningApi.Hosting;

public static class SigningApiEndpointExtensions
{
    /// <summary>The middleware pipeline and every endpoint group.</summary>
    public static WebApplication MapSigningApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapApplicantAccessEndpoints();
        api.MapPartyInvitationEndpoints();
        api.MapCaseEndpoints();
        api.MapDocumentEndpoints();
        api.MapSigningEndpoints();
        api.MapStaffEndpoints();
        api.MapVerificationEndpoints();
        api.MapCaseWorkflow();
        if (app.Services.GetService<DevelopmentTokenIssuer>() is not null)
        {
            api.MapDevelopmentEndpoints();
        }
        return app;
    }
}
