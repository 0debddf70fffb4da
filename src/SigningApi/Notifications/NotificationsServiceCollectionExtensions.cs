using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The SMS gateway. None is integrated: every mode uses the simulator, and the start banner says so.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<SimulatedSmsSender>();
        services.AddSingleton<ISmsSender>(sp => new InstrumentedSmsSender(sp.GetRequiredService<SimulatedSmsSender>()));
        services.AddSingleton(new EmbeddedDefault("SMS", "simulated SMS gateway: messages are kept in the case database, shared by every instance (GET /api/v1/dev/sms in embedded mode)"));
        return services;
    }
}
