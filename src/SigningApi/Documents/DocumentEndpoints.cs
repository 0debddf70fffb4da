using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.Errors;

namespace OneThing.SigningApi.Documents;

/// <summary>What issuing a download link needs besides the request.</summary>
public sealed record DocumentLinkServices(
    CaseAccess Access, CaseDocumentFiles Files, IOptions<DocumentOptions> Options, IOptions<OneThingOptions> Root, CaseTimeline Timeline, SigningDbContext Db);

public static class DocumentEndpoints
{
    /// <summary>A case's documents as PDF, short-lived download links, and the filesystem store's link target.</summary>
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var docs = api.MapGroup("/cases/{id:guid}/documents").WithTags("Documents");

        docs.MapGet("/{kind}", GetDocument)
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("The document's current revision as PDF (integrity-checked against the stored hash).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
        docs.MapPost("/{kind}/link", CreateDownloadLink)
            .RequireAuthorization(p => p.RequireRole(Roles.Bank, Roles.Auditor, Roles.Admin))
            .WithSummary("A short-lived download link to the current revision (presigned on S3).");
        api.MapGet("/downloads/{token}", Download)
            .AllowAnonymous()
            .WithTags("Documents")
            .WithSummary("Serves a filesystem-store download link (the token is the credential).");
        return api;
    }

    public static async Task<FileContentHttpResult> GetDocument(Guid id, string kind, CaseAccess access, CaseDocumentFiles files,
        IDocumentReadReceipts readReceipts, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await access.LoadAsync(id, user, ct);
        var document = c.Documents.SingleOrDefault(d => d.Kind == kind && (!ApplicantOnly(user) || d.Kind != EvidenceReportKind))
            ?? throw ApiProblemException.NotFound($"Document '{kind}' of case {id}");
        var pdf = await files.ReadCurrentAsync(c, document, ct);
        if (user.IsInRole(Roles.Applicant) && c.Status == CaseStatus.AwaitingSignatures)
        {
            await readReceipts.MarkReadAsync(c, user, kind, ClientInfo.From(http), ct);
        }
        http.Response.Headers.ETag = $"\"{document.Sha256}\"";
        return TypedResults.File(pdf, CaseDocumentFiles.PdfContentType, $"{document.DocumentId}-r{document.Revision}.pdf");
    }

    /// <summary>
    /// The sealed evidence report lists every step with the address and device it came from, every
    /// party's included; it cannot be redacted without breaking its seal, so it is for the centre,
    /// the bank and auditors, not for an applicant, who reads the contracts and their own timeline.
    /// </summary>
    private const string EvidenceReportKind = "evidence-report";

    private static bool ApplicantOnly(ClaimsPrincipal user) => user.IsInRole(Roles.Applicant) && !Roles.Staff.Any(user.IsInRole);

    public static async Task<Ok<DocumentLinkView>> CreateDownloadLink(Guid id, string kind, [AsParameters] DocumentLinkServices services,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await services.Access.LoadAsync(id, user, ct);
        var document = c.Documents.SingleOrDefault(d => d.Kind == kind) ?? throw ApiProblemException.NotFound($"Document '{kind}' of case {id}");
        var link = await services.Files.CreateLinkAsync(c, document, services.Options.Value.DownloadLinkLifetime, ct);
        // The configured public address, never the request's Host header: a forged Host would otherwise
        // hand the bank a link to somewhere else.
        var url = link.Url.IsAbsoluteUri ? link.Url : new Uri(new Uri(services.Root.Value.PublicBaseUrl.TrimEnd('/') + "/"), link.Url.OriginalString.TrimStart('/'));
        services.Timeline.Add(c.Id, TimelineActions.DownloadLinkIssued, user.SubjectOf(), user.PrimaryRoleOf(), $"{kind} r{document.Revision} until {link.ExpiresAt:O}", ClientInfo.From(http));
        await services.Db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DocumentLinkView(kind, document.Revision, document.Sha256, url, link.ExpiresAt));
    }

    public static async Task<FileContentHttpResult> Download(string token, DownloadTokenSigner signer, IDocumentStore store, CancellationToken ct)
    {
        DownloadGrant grant;
        try
        {
            grant = signer.Validate(token);
        }
        catch (InvalidDownloadTokenException e)
        {
            throw ApiProblemException.Forbidden($"The download link is not valid: {e.Message}.", "invalid-download-link");
        }
        StoredDocument stored;
        try
        {
            stored = await store.GetAsync(grant.Key, grant.Sha256, ct);
        }
        catch (DocumentNotFoundException)
        {
            // A genuine link whose revision is no longer kept (swept, or never committed): gone, not a fault of the service.
            throw ApiProblemException.Gone("The document this link pointed to is no longer stored; ask for a new link.", "download-gone");
        }
        return TypedResults.File(stored.Content.ToArray(), grant.ContentType, grant.FileName);
    }
}
