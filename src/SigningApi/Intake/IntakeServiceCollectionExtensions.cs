using OneThing.ContractTemplates.Rendering;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Outbox;

namespace OneThing.SigningApi.Intake;

public static class IntakeServiceCollectionExtensions
{
    /// <summary>Case intake: rendering, the intake service (HTTP and the LoanApproved consumer share it).</summary>
    public static IServiceCollection AddCaseIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IntakeOptions, IntakeOptionsValidator>(configuration, IntakeOptions.SectionName);
        services.AddSingleton(_ => new ContractDocumentRenderer());
        services.AddScoped<CaseIntakeService>();
        services.AddCaseEventConsumer<LoanApprovedConsumer>();
        return services;
    }
}
