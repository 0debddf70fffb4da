using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Logging;

/// <summary>
/// Keeps the framework categories that log raw request paths from logging more verbosely than their
/// limit (<see cref="LoggingServiceCollectionExtensions.PathLoggingCategories"/>), whatever
/// <c>Logging:LogLevel</c> says, and without making them more verbose than it says: for every provider
/// the rules name (and none), a rule for the category at the configured level or the limit, whichever
/// is quieter; rules for categories inside it are raised to the limit. Runs after the configuration is
/// bound, and again on every reload.
/// </summary>
internal sealed class PathLoggingLimits : IPostConfigureOptions<LoggerFilterOptions>
{
    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var rules = options.Rules;
        foreach (var (category, limit) in LoggingServiceCollectionExtensions.PathLoggingCategories)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var r = rules[i];
                if (r.CategoryName is { } inner && inner.StartsWith(category + ".", StringComparison.OrdinalIgnoreCase))
                    rules[i] = new LoggerFilterRule(r.ProviderName, inner, Quieter(r.LogLevel ?? options.MinLevel, limit), r.Filter);
            }
            foreach (var provider in rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            {
                // The rule the framework would pick for this category and provider: its own over none, then the longest category, then the last.
                var configured = rules
                    .Where(r => (r.ProviderName is null || r.ProviderName == provider)
                        && (r.CategoryName is null || category.StartsWith(r.CategoryName, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(r => r.ProviderName is null ? 0 : 1).ThenBy(r => r.CategoryName?.Length ?? 0)
                    .LastOrDefault();
                rules.Add(new LoggerFilterRule(provider, category, Quieter(configured?.LogLevel ?? options.MinLevel, limit), configured?.Filter));
            }
        }
    }

    private static LogLevel Quieter(LogLevel a, LogLevel b) => a > b ? a : b;
}
