using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.PostSeal.Adapters;
using OneThing.SigningApi.PostSeal.Consumers;

namespace OneThing.SigningApi.PostSeal;

public static class PostSealServiceCollectionExtensions
{
    /// <summary>
    /// The steps after the seal: mortgage registration and disbursement as event consumers, and the
    /// registry and bank adapters (simulated unless configured External).
    /// </summary>
    public static IServiceCollection AddPostSealSteps(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddValidatedOptions<PostSealOptions, PostSealOptionsValidator>(configuration, PostSealOptions.SectionName);
        if (options.Registry.Mode == AdapterMode.Simulated)
        {
            services.AddSingleton<IMortgageRegistry, SimulatedMortgageRegistry>();
            services.AddSingleton(new EmbeddedDefault("mortgage registry", $"SIMULATOR answering after {options.Registry.Delay} (no real registration; External by OneThing:Workflow:Registry:Mode)"));
        }
        else
        {
            services.AddSingleton<IMortgageRegistry, ExternalMortgageRegistry>();
        }
        if (options.Bank.Mode == AdapterMode.Simulated)
        {
            services.AddSingleton<IBankDisbursement, SimulatedBankDisbursement>();
            services.AddSingleton(new EmbeddedDefault("bank", $"SIMULATOR disbursing after {options.Bank.Delay} (no money moves; External by OneThing:Workflow:Bank:Mode)"));
        }
        else
        {
            services.AddSingleton<IBankDisbursement, ExternalBankDisbursement>();
        }
        services.AddCaseEventConsumer<CaseSealedConsumer>();
        services.AddCaseEventConsumer<MortgageRegistrationRequestedConsumer>();
        services.AddCaseEventConsumer<MortgageRegisteredConsumer>();
        services.AddCaseEventConsumer<DisbursementRequestedConsumer>();
        services.AddCaseEventConsumer<LoanDisbursedConsumer>();
        return services;
    }
}
