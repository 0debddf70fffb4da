using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OneThing.Storage.Catalog;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.FileSystem;
using OneThing.Storage.S3;
using OneThing.Storage.Sweeping;

namespace OneThing.Storage.Configuration;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDocumentStore"/> per the "DocumentStore" section (filesystem by default, S3 by
    /// configuration), validates the options at start-up, and creates/checks the bucket or folder when the
    /// host starts. Also registers <see cref="DownloadTokenSigner"/> for filesystem download links.
    /// </summary>
    public static IServiceCollection AddDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DocumentStoreOptions>().Bind(configuration.GetSection(DocumentStoreOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DocumentStoreOptions>, DocumentStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var key = sp.GetRequiredService<IOptions<DocumentStoreOptions>>().Value.FileSystem.DownloadSigningKey;
            return new DownloadTokenSigner(string.IsNullOrEmpty(key) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(key),
                sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IDocumentStore>(CreateStore);
        services.AddHostedService<DocumentStoreInitializer>();
        return services;
    }

    /// <summary>
    /// Registers the catalog over the host's DbContext (whose model applies <see cref="StoredRevisionConfiguration"/>),
    /// the <see cref="DocumentRepository"/>, and the orphan sweeper (scoped) with its background service.
    /// </summary>
    public static IServiceCollection AddDocumentCatalog<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.TryAddScoped<IDocumentCatalog, EfDocumentCatalog<TContext>>();
        services.TryAddScoped<DocumentRepository>();
        services.TryAddScoped(sp => new DocumentSweeper(sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IDocumentCatalog>(),
            sp.GetRequiredService<IOptions<DocumentStoreOptions>>().Value.Sweeper, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DocumentSweeper>>()));
        services.AddHostedService<DocumentSweeperService>();
        return services;
    }

    private static IDocumentStore CreateStore(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<DocumentStoreOptions>>().Value;
        var time = sp.GetRequiredService<TimeProvider>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        if (options.Provider == DocumentStoreProvider.S3)
        {
            var client = S3ClientFactory.Create(options.S3, options.Resilience);
            var presign = string.IsNullOrEmpty(options.S3.PublicEndpoint)
                ? client
                : S3ClientFactory.Create(options.S3, options.Resilience, options.S3.PublicEndpoint);
            return new S3DocumentStore(client, presign, options.S3, options.DownloadLinks, options.Resilience, time,
                loggers.CreateLogger<S3DocumentStore>(), ownsClients: true);
        }

        return new FileSystemDocumentStore(options.FileSystem, options.DownloadLinks, options.Resilience,
            sp.GetRequiredService<DownloadTokenSigner>(), time, loggers.CreateLogger<FileSystemDocumentStore>());
    }
}
