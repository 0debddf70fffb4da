using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneThing.Seal.Verification.Revisions;
using OneThing.Seal.Verification.Timestamps;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification;

public static class VerificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PdfSignatureVerifier"/> and its parts. Options come from the caller's
    /// configuration binding of <see cref="VerificationOptions"/> and are validated on start.
    /// Online revocation fetching needs an <see cref="IRevocationFetcher"/> registration (e.g. <see cref="HttpRevocationFetcher"/> with a typed HttpClient).
    /// </summary>
    public static IServiceCollection AddSealVerification(this IServiceCollection services)
    {
        services.AddOptions<VerificationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerificationOptions>, VerificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SignatureCheckCache>();
        services.TryAddSingleton<ParsedObjectCache>();
        services.TryAddSingleton<CertificatePathBuilder>();
        services.TryAddSingleton<RevocationChecker>();
        services.TryAddSingleton<TimestampTokenVerifier>();
        services.TryAddSingleton<SignatureValidator>();
        services.TryAddSingleton<RevisionAnalyzer>();
        services.TryAddSingleton<PdfSignatureVerifier>();
        return services;
    }
}
