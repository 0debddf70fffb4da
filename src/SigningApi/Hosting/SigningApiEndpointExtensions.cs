using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.Auth;
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

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api-docs").AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapApplicantAccessEndpoints();
        if (app.Services.GetService<DevelopmentTokenIssuer>() is not null)
        {
            api.MapDevelopmentEndpoints();
        }
        return app;
    }
}
