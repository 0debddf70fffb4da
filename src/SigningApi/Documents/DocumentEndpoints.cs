using System.Security.Claims;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Documents;
using OneThing.Storage.Downloads;
using OneThing.Storage.Errors;

namespace OneThing.SigningApi.Documents;

public static class DocumentEndpoints
{
    public static RouteGroupBuilder MapDocumentEndpoints(this RouteGroupBuilder api)
    {
        var docs = api.MapGroup("/cases/{id:guid}/documents").WithTags("Documents");

        docs.MapGet("/{kind}", async (Guid id, string kind, CaseAccess access, CaseDocumentFiles files, IDocumentReadReceipts readReceipts,
                ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var c = await access.LoadAsync(id, user, ct);
                var document = c.Documents.SingleOrDefault(d => d.Kind == kind) ?? throw ApiProblemException.NotFound($"Document '{kind}' of case {id}");
                var pdf = await files.ReadCurrentAsync(c, document, ct);
                if (user.IsInRole(Roles.Applicant) && c.Status == CaseStatus.AwaitingSignatures)
                {
                    await readReceipts.MarkReadAsync(c, user, kind, ClientInfo.From(http), ct);
                }
                http.Response.Headers.ETag = $"\"{document.Sha256}\"";
                return Results.File(pdf, CaseDocumentFiles.PdfContentType, $"{document.DocumentId}-r{document.Revision}.pdf");
            })
            .RequireAuthorization(p => p.RequireRole(Roles.All))
            .WithSummary("The document's current revision as PDF (integrity-checked against the stored hash).")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        docs.MapPost("/{kind}/link", async (Guid id, string kind, CaseAccess access, CaseDocumentFiles files, IOptions<DocumentOptions> options,
                CaseTimeline timeline, SigningDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken ct) =>
            {
                var c = await access.LoadAsync(id, user, ct);
                var document = c.Documents.SingleOrDefault(d => d.Kind == kind) ?? throw ApiProblemException.NotFound($"Document '{kind}' of case {id}");
                var link = await files.CreateLinkAsync(c, document, options.Value.DownloadLinkLifetime, ct);
                var url = link.Url.IsAbsoluteUri ? link.Url : new Uri(new Uri($"{http.Request.Scheme}://{http.Request.Host}"), link.Url);
                timeline.Add(c.Id, TimelineActions.DownloadLinkIssued, user.SubjectOf(), user.PrimaryRoleOf(), $"{kind} r{document.Revision} until {link.ExpiresAt:O}", ClientInfo.From(http));
                await db.SaveChangesAsync(ct);
                return new DocumentLinkView(kind, document.Revision, document.Sha256, url, link.ExpiresAt);
            })
            .RequireAuthorization(p => p.RequireRole(Roles.Bank, Roles.Auditor, Roles.Admin))
            .WithSummary("A short-lived download link to the current revision (presigned on S3).");

        api.MapGet("/downloads/{token}", async (string token, DownloadTokenSigner signer, IDocumentStore store, CancellationToken ct) =>
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
                var stored = await store.GetAsync(grant.Key, grant.Sha256, ct);
                return Results.File(stored.Content.ToArray(), grant.ContentType, grant.FileName);
            })
            .AllowAnonymous()
            .WithTags("Documents")
            .WithSummary("Serves a filesystem-store download link (the token is the credential).");
        return api;
    }
}
