using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Hosting;

/// <summary>
/// Health as JSON. Probes and strangers get the overall status only; an operator (admin or auditor
/// token) also gets each check's status and reason. Reasons can carry exception messages and key
/// names, which the logs keep for everyone else.
/// </summary>
internal static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var operator_ = context.User.IsInRole(Roles.Admin) || context.User.IsInRole(Roles.Auditor);
        object body = operator_
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? e.Value.Exception?.Message, durationMs = e.Value.Duration.TotalMilliseconds }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
