
namespace OneThing.SigningApi.Core.Problems;

/// <summary>
/// A request the service refuses for a reason the caller can act on; rendered as RFC 9457
/// problem details with this status, title and detail. Thrown before anything is stored.
/// </summary>
public class ApiProblemException(int status, string title, string detail, string? code = null, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    /// <summary>Extra members of the problem object (e.g. <c>attemptsRemaining</c>).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();

    public int Status { get; } = status;
    public string Title { get; } = title;
    /// <summary>Stable machine-readable reason (problem extension <c>code</c>), e.g. <c>link-locked</c>.</summary>
    public string? Code { get; } = code;

    public static ApiProblemException NotFound(string what) => new(StatusCodes.Status404NotFound, "Not found", $"{what} was not found.", "not-found");
    public static ApiProblemException Conflict(string detail, string code) => new(StatusCodes.Status409Conflict, "Conflict", detail, code);
    public static ApiProblemException Gone(string detail, string code) => new(StatusCodes.Status410Gone, "Gone", detail, code);
    public static ApiProblemException BadRequest(string detail, string code) => new(StatusCodes.Status400BadRequest, "Bad request", detail, code);
    public static ApiProblemException Forbidden(string detail, string code) => new(StatusCodes.Status403Forbidden, "Forbidden", detail, code);
    public static ApiProblemException Locked(string detail, string code) => new(StatusCodes.Status423Locked, "Locked", detail, code);
    public static ApiProblemException Unprocessable(string detail, string code) => new(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", detail, code);
}
