using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.ApplicantSigning;

public static class ApplicantSigningEndpoints
{
    /// <summary>The applicant's steps on their own case, with the token from the access check.</summary>
    public static RouteGroupBuilder MapApplicantSigningEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/{id:guid}").WithTags("Applicant signing")
            .RequireAuthorization(p => p.RequireRole(Roles.Applicant));

        group.MapGet("/consent", GetConsent)
            .WithSummary("The consent text to show and send back exactly.");
        group.MapPost("/consent", AcceptConsent)
            .WithIdempotency()
            .WithSummary("Accept the consent text (compared exactly).");
        group.MapPost("/handwriting", StoreHandwriting)
            .WithIdempotency()
            .WithBodyLimit(sp => sp.GetRequiredService<IOptions<ApplicantSigningOptions>>().Value.MaxHandwritingBytes)
            .WithConcurrencyCap(ApplicantSigningServiceCollectionExtensions.HandwritingDecodeCap)
            .WithSummary("The handwritten signature image (raw image/png body, at most 512 KB, 50×20 to 4000×4000 pixels, decoded in full on upload).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/sign", Sign)
            .WithIdempotency()
            .WithSummary("Sign: issues the applicant's short-lived certificate and applies a PAdES B-T signature to their field in every document.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/signing/challenge", DeviceKeyChallenge)
            .WithSummary("Two-phase signing, step 0: a challenge for the device to sign with its key (proof of possession; valid 5 minutes, for this access session).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/signing/prepare", PrepareDeviceSigning)
            .WithIdempotency()
            .RequireRateLimiting(ApplicantSigningServiceCollectionExtensions.DevicePreparePolicy)
            .WithMetadata(ApplicantSigningServiceCollectionExtensions.DevicePrepareProblem)
            .WithSummary("Two-phase signing, step 1: send the device's public key (base64 SPKI, ECDSA P-256), the challenge and the device's signature over it; get the certificate issued to the key (valid no longer than the signing window) and, per document, the digest to sign and a state id. Preparing again voids the party's earlier state and revokes its certificate (superseded); an expired or abandoned state's certificate is revoked too (cessationOfOperation). At most 5 prepares per party per 10 minutes by default.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/signing/complete", CompleteDeviceSigning)
            .WithIdempotency()
            .WithSummary("Two-phase signing, step 2: the device's signature value per document; applies PAdES B-T signatures under the same rules as /sign.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/progress", GetProgress)
            .WithSummary("Where the applicant stands: pages read per current document revision (loan contract first), consent, handwriting, and in a sequential case whose signature comes first.");
        group.MapPost("/progress", AddPagesRead)
            .WithSummary("Records pages of the current revision of a document that were drawn on the applicant's screen (merged with those already recorded).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/decline", Decline)
            .WithIdempotency()
            .WithSummary("Decline to sign, with a reason; the case stops.");
        return api;
    }

    public static Ok<ConsentView> GetConsent(ApplicantSigningService signing) => TypedResults.Ok(signing.Consent());

    /// <summary>Declared as <see cref="IResult"/> so the published contract keeps the response it has always listed.</summary>
    public static async Task<IResult> AcceptConsent(
        Guid id, ConsentRequest request, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        await signing.AcceptConsentAsync(id, user, request, ClientInfo.From(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> StoreHandwriting(
        Guid id, ApplicantSigningService signing, IOptions<ApplicantSigningOptions> options, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var png = await ReadBodyAsync(http, "image/png", options.Value.MaxHandwritingBytes, ct);
        await signing.StoreHandwritingAsync(id, user, png, ClientInfo.From(http), ct);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<SigningResult>> Sign(Guid id, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await signing.SignAsync(id, user, ClientInfo.From(http), ct));

    public static async Task<Ok<DeviceKeyChallengeView>> DeviceKeyChallenge(
        Guid id, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await signing.DeviceKeyChallengeAsync(id, user, ClientInfo.From(http), ct));

    public static async Task<Ok<DeviceSigningPrepared>> PrepareDeviceSigning(
        Guid id, DeviceSigningPrepareRequest request, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await signing.PrepareDeviceSigningAsync(id, user, request, ClientInfo.From(http), ct));

    public static async Task<Ok<SigningResult>> CompleteDeviceSigning(
        Guid id, DeviceSigningCompleteRequest request, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await signing.CompleteDeviceSigningAsync(id, user, request, ClientInfo.From(http), ct));

    public static async Task<Ok<SigningProgressView>> GetProgress(Guid id, SigningProgressService progress, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await progress.GetAsync(id, user, ct));

    public static async Task<Ok<SigningProgressView>> AddPagesRead(
        Guid id, PagesReadRequest request, SigningProgressService progress, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await progress.AddPagesAsync(id, user, request, ct));

    public static async Task<Ok<CaseView>> Decline(
        Guid id, DeclineRequest request, ApplicantSigningService signing, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await signing.DeclineAsync(id, user, request, ClientInfo.From(http), ct));

    internal static async Task<byte[]> ReadBodyAsync(HttpContext http, string contentType, long maxBytes, CancellationToken ct)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), contentType, StringComparison.OrdinalIgnoreCase))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body as {contentType}.", "unsupported-media-type");
        if (http.Request.ContentLength > maxBytes)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {maxBytes} bytes.", "body-too-large");
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {maxBytes} bytes.", "body-too-large");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
