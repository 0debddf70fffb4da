using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OneThing.Seal.Pki;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Core.Telemetry;


namespace OneThing.SigningApi.Verification;

public static class VerificationEndpoints
{
    public static RouteGroupBuilder MapVerificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/verify", VerifyUpload)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .DisableAntiforgery()
            .WithTags("Verification")
            .WithSummary("Verify an uploaded PDF (multipart field 'file'): every signature, chain to the centre's trust anchors, timestamps, changes after signing.")
            .RequireRateLimiting(VerificationServiceCollectionExtensions.RatePolicy)
            .WithMetadata(VerificationServiceCollectionExtensions.RateProblem)
            .WithConcurrencyCap(VerificationServiceCollectionExtensions.Cap)
            // The multipart envelope around the largest PDF accepted.
            .WithBodyLimit(sp => sp.GetRequiredService<IOptions<VerificationOptions>>().Value.MaxVerifyUploadBytes + 64 * 1024)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/verify/records/{sha256}", RevisionRecords.Find)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithTags("Verification")
            .WithSummary("Which stored revision a verified file is (by its SHA-256): case, contract number, centre, parties by masked name, document, revision, and whether it is the final sealed version; 404 when none the caller may see.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<ContentHttpResult> VerifyUpload(
        HttpContext http, PdfSignatureVerifier verifier, CentrePkis pkis, OwnRevocationEvidence ownEvidence, IOptions<VerificationOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxVerifyUploadBytes;
        if (http.Request.ContentLength > max + 64 * 1024)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "File too large", $"Upload at most {max} bytes.", "file-too-large");
        if (!http.Request.HasFormContentType)
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send multipart/form-data with the PDF in the field 'file'.", "unsupported-media-type");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 64 * 1024;
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max }, ct);
        }
        catch (InvalidDataException e)
        {
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "File too large", $"Upload at most {max} bytes ({e.Message}).", "file-too-large");
        }
        var file = form.Files.GetFile("file") ?? throw RequestValidationException.From([("file", "is required (the PDF to verify)")]);
        if (file.Length > max)
            throw new ApiProblemException(StatusCodes.Status413PayloadTooLarge, "File too large", $"Upload at most {max} bytes.", "file-too-large");
        // One array of the file's exact size: the upload is held once, not again in a growing buffer and its copy.
        var bytes = new byte[file.Length];
        await using (var upload = file.OpenReadStream()) await upload.ReadExactlyAsync(bytes, ct);
        if (bytes.Length < 5 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
            throw new ApiProblemException(StatusCodes.Status415UnsupportedMediaType, "Not a PDF", "The uploaded file is not a PDF (it does not start with %PDF-).", "not-a-pdf");
        VerificationReport report;
        using (OneThingActivity.Start("verify"))
        {
            report = await verifier.VerifyAsync(bytes, Path.GetFileName(file.FileName), new VerificationRequest(new TrustAnchors(pkis.TrustAnchors), OwnEvidence: ownEvidence), ct);
        }
        OneThingMetrics.Verifications.Add(1, new KeyValuePair<string, object?>("verdict", VerdictLabel.Of(report)));
        return TypedResults.Text(JsonReportWriter.Write(report), "application/json; charset=utf-8");
    }
}
