using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Notifications;
using OneThing.SigningApi.Timeline;

namespace OneThing.SigningApi.Access;

public static class AccessServiceCollectionExtensions
{
    public static IServiceCollection AddApplicantAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApplicantAccessOptions, ApplicantAccessOptionsValidator>(configuration, ApplicantAccessOptions.SectionName);
        services.AddScoped<ApplicantAccessService>();
        services.AddScoped<PartyInvitations>();
        services.AddSingleton<TimelineWriter>();
        // No SMS gateway is integrated: every mode uses the simulator, and the banner says so.
        services.AddSingleton<SimulatedSmsSender>();
        services.AddSingleton<ISmsSender>(sp => sp.GetRequiredService<SimulatedSmsSender>());
        services.AddSingleton(new EmbeddedDefault("SMS", "simulated SMS gateway: messages are kept in memory (GET /api/v1/dev/sms in embedded mode)"));
        services.AddAccessRateLimits();
        return services;
    }
}
