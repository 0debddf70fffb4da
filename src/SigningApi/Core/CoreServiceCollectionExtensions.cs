using OneThing.SigningApi.Core.Reports;
using OneThing.Seal.Signing;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Verification;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Outbox;

namespace OneThing.SigningApi.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The case core every feature stands on: access checks, the status-change owner and the timeline,
    /// case-document signing (PAdES) and verification, the signing gate, the outbox dispatcher and the
    /// expiry sweep. ProductPki, ITimestampClient and IRevocationSource come from the trust services wiring.
    /// </summary>
    public static IServiceCollection AddCaseCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WorkflowOptions, WorkflowOptionsValidator>(configuration, WorkflowOptions.SectionName);
        services.AddValidatedOptions<KeyHealthOptions, KeyHealthOptionsValidator>(configuration, KeyHealthOptions.SectionName);
        services.AddSingleton<SigningKeysProbe>();
        services.AddSingleton<KeyHealthState>();
        services.AddSingleton<CentreDocumentSeal>();
        services.AddHostedService<KeyHealthMonitor>();
        services.AddHealthChecks().AddCheck<SigningKeysHealthCheck>("keys", tags: ["ready"]);
        services.AddSingleton(sp => new PadesSigner(sp.GetRequiredService<ITimestampClient>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSealVerification();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseTimeline>();
        services.AddScoped<CaseStatusChanges>();
        services.AddScoped<CaseDocumentSigner>();
        services.AddSingleton(sp => new CaseSigningGate(sp.GetRequiredService<Coordination.ICaseLock>()));
        services.AddValidatedOptions<Idempotency.IdempotencyOptions, Idempotency.IdempotencyOptionsValidator>(configuration, Idempotency.IdempotencyOptions.SectionName);
        services.AddHostedService<Idempotency.IdempotencySweeper>();
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<CaseExpirySweeper>();
        return services;
    }
}
