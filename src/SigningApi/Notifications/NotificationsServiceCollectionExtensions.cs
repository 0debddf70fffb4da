using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The SMS gateway from <c>OneThing:Sms</c>: the centre's gateway over HTTP, or (Development only,
    /// see the host's start-up check) the simulator, which the start banner announces.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        var options = services.AddValidatedOptions<SmsOptions, SmsOptionsValidator>(configuration, SmsOptions.SectionName);
        if (options.Gateway == SmsGateway.Http)
        {
            services.AddHttpClient(HttpSmsGateway.HttpClientName);
            services.AddSingleton<HttpSmsGateway>();
            services.AddSingleton<ISmsSender>(sp => new InstrumentedSmsSender(sp.GetRequiredService<HttpSmsGateway>()));
            return services;
        }
        services.AddSingleton<SimulatedSmsSender>();
        services.AddSingleton<ISmsSender>(sp => new InstrumentedSmsSender(sp.GetRequiredService<SimulatedSmsSender>()));
        services.AddSingleton(new EmbeddedDefault("SMS", "simulated SMS gateway: messages are kept in memory (GET /api/v1/dev/sms in embedded mode; OneThing:Sms:Gateway=Http for a real one)"));
        return services;
    }
}
