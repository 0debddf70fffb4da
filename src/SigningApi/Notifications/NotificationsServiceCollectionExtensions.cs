using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The SMS texts (templates and signature) and the gateway: simulated (Development; the start banner
    /// says so) or Kannel through the SMS outbox (<c>OneThing:Sms:Provider</c>).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SmsTextOptions, SmsTextOptionsValidator>(configuration, SmsTextOptions.SectionName);
        services.AddSingleton<SmsTexts>();
        services.AddScoped<ApplicantProgressSms>();
        services.AddCaseEventConsumer<CaseSealedSmsConsumer>();
        services.AddCaseEventConsumer<LoanDisbursedSmsConsumer>();
        var gateway = services.AddValidatedOptions<SmsGatewayOptions, SmsGatewayOptionsValidator>(configuration, SmsGatewayOptions.SectionName);
        // The development endpoint lists the simulated outbox whichever gateway sends.
        services.AddSingleton<SimulatedSmsSender>();
        if (gateway.Provider == SmsProvider.Kannel)
        {
            services.AddSingleton<SmsOutboxSignal>();
            services.AddSingleton<OutboxSmsSender>();
            services.AddHttpClient(nameof(KannelSmsGateway));
            services.AddSingleton(sp => new KannelSmsGateway(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KannelSmsGateway)),
                sp.GetRequiredService<IOptions<SmsGatewayOptions>>(), sp.GetRequiredService<IOptions<OneThingOptions>>()));
            services.AddHostedService<SmsOutboxDispatcher>();
            services.AddSingleton<ISmsSender>(sp => new InstrumentedSmsSender(sp.GetRequiredService<OutboxSmsSender>()));
        }
        else
        {
            services.AddSingleton<ISmsSender>(sp => new InstrumentedSmsSender(sp.GetRequiredService<SimulatedSmsSender>()));
            services.AddSingleton(new EmbeddedDefault("SMS", "simulated SMS gateway: messages are kept in the case database, shared by every instance (GET /api/v1/dev/sms in Development; OneThing:Sms:Provider=Kannel for a real gateway)"));
        }
        return services;
    }

    public static bool UsesSmsGateway(this IServiceProvider services) => services.GetService<OutboxSmsSender>() is not null;
}
