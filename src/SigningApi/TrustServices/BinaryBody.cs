using Microsoft.AspNetCore.Http.HttpResults;

namespace OneThing.SigningApi.TrustServices;

/// <summary>Reads a small binary protocol message (OCSP request, timestamp query) with a size cap.</summary>
internal static class BinaryBody
{
    /// <summary>OCSP requests and timestamp queries are a few hundred bytes; anything far larger is not one.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <returns>The body, or null when it exceeds <see cref="MaxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static bool HasContentType(HttpRequest request, string mediaType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && string.Equals(type.MediaType.Value, mediaType, StringComparison.OrdinalIgnoreCase);

    public static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: $"The body exceeds {MaxBytes} bytes.");

    public static ProblemHttpResult WrongType(string expected) =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type", detail: $"Send the request as {expected}.");
}
