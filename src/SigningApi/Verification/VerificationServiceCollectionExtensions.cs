using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Verification;

public static class VerificationServiceCollectionExtensions
{
    /// <summary>Verification of uploaded PDFs; the verifier itself is the core's (the evidence report uses it too).</summary>
    public static IServiceCollection AddUploadVerification(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<VerificationOptions, VerificationOptionsValidator>(configuration, VerificationOptions.SectionName);
        return services;
    }
}
