
namespace OneThing.SigningApi.Core.Problems;

/// <summary>The request body has problems; every one is listed by JSON field path (RFC 9457 <c>errors</c>).</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception($"{errors.Count} field(s) invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException From(IEnumerable<(string Path, string Message)> problems) =>
        new(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
}
