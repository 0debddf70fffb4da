namespace OneThing.SigningApi.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>The centre's own steps: the loan officer's countersignature and deadline extensions, and the centre seal.</summary>
    public static IServiceCollection AddStaffSigning(this IServiceCollection services)
    {
        services.AddScoped<StaffSigningService>();
        services.AddScoped<DeadlineExtension>();
        return services;
    }
}
