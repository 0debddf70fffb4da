using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Persistence;

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.PostgreSql && options.IsEmbedded)
        {
            return ValidateOptionsResult.Fail("Provider PostgreSql needs a ConnectionString");
        }
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Provider '{options.Provider}' is not one of Sqlite, PostgreSql");
        }
        return ValidateOptionsResult.Success;
    }
}
