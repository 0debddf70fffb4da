using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core.Configuration;

public sealed class OneThingOptionsValidator : IValidateOptions<OneThingOptions>
{
    public ValidateOptionsResult Validate(string? name, OneThingOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("DataDirectory must not be empty");
        }
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            failures.Add($"PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http(s) URL");
        }
        foreach (var (centre, i) in options.Centres.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(centre.Code) || string.IsNullOrWhiteSpace(centre.Name)) failures.Add($"Centres:{i} needs both Code and Name");
            if (centre.Algorithm is not (AlgorithmFamilies.International or AlgorithmFamilies.Sm2))
                failures.Add($"Centres:{i}:Algorithm is '{centre.Algorithm}'; it must be '{AlgorithmFamilies.International}' or '{AlgorithmFamilies.Sm2}'");
            if (centre.SealFile is not null && centre.Algorithm != AlgorithmFamilies.Sm2)
                failures.Add($"Centres:{i}:SealFile is a GB/T 38540 seal, applied only by an '{AlgorithmFamilies.Sm2}' centre");
        }
        if (options.Centres.GroupBy(c => c.Code, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            failures.Add($"Centres: code '{twice.Key}' is configured more than once");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
