using OneThing.SigningApi.Core.Reports;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The audit trail: every saved timeline entry and transition gets its audit entry in the same
    /// SaveChanges; the chainer hashes them into one chain; the evidence report is drawn from it.
    /// </summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddSingleton<AuditRecorder>();
        services.ConfigureDbContext<SqliteSigningDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditRecorder>()));
        services.ConfigureDbContext<PostgresSigningDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditRecorder>()));
        services.AddSingleton<AuditChainer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditChainer>());
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<EvidenceReportRenderer>();
        services.AddScoped<EvidenceReportService>();
        services.AddScoped<IEvidenceReport>(sp => sp.GetRequiredService<EvidenceReportService>());
        return services;
    }
}
