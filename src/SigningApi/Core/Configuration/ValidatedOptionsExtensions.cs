using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core.Configuration;

public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds a section, registers its validator (checked again on start) and validates it now,
    /// because composition decisions (which database, which issuer) are taken from it right away.
    /// </summary>
    public static T AddValidatedOptions<T, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where T : class, new()
        where TValidator : class, IValidateOptions<T>, new()
    {
        services.AddOptions<T>().Bind(configuration.GetSection(sectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, TValidator>();
        T value;
        try
        {
            value = configuration.GetSection(sectionName).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupConfigurationException($"configuration {sectionName}: {e.InnerException?.Message ?? e.Message}");
        }
        var result = new TValidator().Validate(Options.DefaultName, value);
        if (result.Failed)
        {
            throw new StartupConfigurationException($"configuration {sectionName}: {string.Join("; ", result.Failures)}");
        }
        return value;
    }
}
