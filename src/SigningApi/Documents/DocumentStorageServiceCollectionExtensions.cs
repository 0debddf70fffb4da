using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Coordination;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;

namespace OneThing.SigningApi.Documents;

public static class DocumentStorageServiceCollectionExtensions
{
    /// <summary>
    /// The document store from <c>OneThing:DocumentStore</c> (storage's options): the filesystem store
    /// in the data folder unless S3 is configured; the revision catalog lives in the case database.
    /// </summary>
    public static IServiceCollection AddCaseDocuments(this IServiceCollection services, IConfiguration configuration, DataDirectory data)
    {
        services.AddValidatedOptions<DocumentOptions, DocumentOptionsValidator>(configuration, DocumentOptions.SectionName);
        var section = configuration.GetSection(OneThingOptions.SectionName);
        var configured = section.GetSection(DocumentStoreOptions.SectionName).Get<DocumentStoreOptions>() ?? new DocumentStoreOptions();
        if (configured.Provider == DocumentStoreProvider.FileSystem && string.IsNullOrEmpty(configured.FileSystem.DownloadSigningKey))
        {
            // Download links must survive a restart and open on any instance: without a configured key,
            // one made once and kept in the case database (seeded from an older version's key file).
            // Registered before the store's own, which then stands aside.
            services.AddSingleton(sp => new DownloadTokenSigner(
                sp.GetRequiredService<SharedSecrets>().GetOrCreate("download-token-key", () => SigningKeyFile.ReadSecretOr(data.File("download-links.key"), SharedSecrets.RandomKey)),
                sp.GetRequiredService<TimeProvider>()));
        }
        services.AddDocumentStore(section);
        services.AddDocumentCatalog<SigningDbContext>();
        if (configured.Provider == DocumentStoreProvider.FileSystem)
        {
            var rootConfigured = !string.IsNullOrEmpty(section[$"{DocumentStoreOptions.SectionName}:FileSystem:RootPath"]);
            var root = rootConfigured ? Path.GetFullPath(configured.FileSystem.RootPath) : data.File("documents");
            services.PostConfigure<DocumentStoreOptions>(o =>
            {
                if (!rootConfigured) o.FileSystem.RootPath = root;
            });
            services.AddSingleton(new EmbeddedDefault("document store", $"filesystem store at {root} (no object lock; S3 by OneThing:DocumentStore:Provider=S3)"));
        }
        services.AddScoped<CaseDocumentFiles>();
        services.AddHealthChecks().AddCheck<DocumentStoreHealthCheck>("document-store", tags: ["ready"]);
        return services;
    }
}

/// <summary>Ready only when the store answers (bucket or folder present and writable as configured).</summary>
internal sealed class DocumentStoreHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await store.EnsureReadyAsync(timeout.Token);
            return HealthCheckResult.Healthy($"{store.Kind} store reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{store.Kind} store: {e.Message}");
        }
    }
}
