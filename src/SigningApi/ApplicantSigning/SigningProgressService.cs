using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>
/// An applicant's reading progress, kept per party and per document revision on the server (never
/// only in the browser), so reopening the link after identity and a fresh code resumes where they were
/// as long as the revision they read is still the current one.
/// </summary>
public sealed class SigningProgressService(SigningDbContext db, CaseAccess access, TimeProvider time)
{
    public async Task<SigningProgressView> GetAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        return await ViewAsync(c, party, ct);
    }

    public async Task<SigningProgressView> AddPagesAsync(Guid caseId, ClaimsPrincipal user, PagesReadRequest request, CancellationToken ct)
    {
        var (c, party) = await LoadOwnAsync(caseId, user, ct);
        if (party.Status != PartyStatus.Invited || c.Status != CaseStatus.AwaitingSignatures)
            throw ApiProblemException.Conflict("Reading progress is kept only while the party still has to sign.", "not-awaiting-signatures");
        var document = c.Documents.SingleOrDefault(d => d.Kind == request.Kind)
            ?? throw RequestValidationException.From([("kind", $"the case has no document '{request.Kind}'")]);
        if (request.Revision != document.Revision)
            throw ApiProblemException.Conflict($"{document.Kind} is now at revision {document.Revision}; read that revision.", "revision-changed");
        var pages = request.Pages ?? [];
        if (pages.Count == 0 || pages.Any(p => p < 1 || p > document.PageCount))
            throw RequestValidationException.From([("pages", $"must list page numbers from 1 to {document.PageCount}")]);

        var row = await db.ReadingProgress.SingleOrDefaultAsync(r => r.PartyId == party.Id && r.DocumentKind == document.Kind && r.Revision == document.Revision, ct);
        if (row is null)
        {
            row = new ReadingProgress
            {
                Id = Guid.NewGuid(), CaseId = c.Id, PartyId = party.Id, DocumentKind = document.Kind, Revision = document.Revision,
                Sha256 = document.Sha256, PageCount = document.PageCount,
            };
            db.ReadingProgress.Add(row);
        }
        // Pages read in an earlier access session (another link) do not carry over: a new session reads again.
        var link = LinkOf(user);
        var merged = (row.LinkId == link ? ParsePages(row.PagesRead) : []).Union(pages).Order().ToList();
        row.PagesRead = string.Join(',', merged);
        row.LinkId = link;
        row.UpdatedAt = time.GetUtcNow();
        row.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
        return await ViewAsync(c, party, ct);
    }

    private async Task<SigningProgressView> ViewAsync(SigningCase c, CaseParty party, CancellationToken ct)
    {
        var rows = await db.ReadingProgress.AsNoTracking().Where(r => r.PartyId == party.Id).ToListAsync(ct);
        var documents = c.Documents.OrderBy(d => DocumentOrder.Rank(d.Kind)).ThenBy(d => d.Kind, StringComparer.Ordinal)
            .Select(d =>
            {
                // Pages read on an earlier revision do not count: that revision is no longer what will be signed.
                // Nor do pages read in an earlier access session: a re-invitation starts the reading over.
                var row = rows.SingleOrDefault(r => r.DocumentKind == d.Kind && r.Revision == d.Revision && r.Sha256 == d.Sha256 && r.LinkId == party.AccessLinkId);
                return new DocumentProgressView(d.Kind, d.Revision, d.PageCount, row is null ? [] : ParsePages(row.PagesRead));
            }).ToList();
        var waiting = SigningTurns.WaitingFor(c, party).Select(p => new WaitingForView(p.FieldName, p.Role, p.Name)).ToList();
        return new SigningProgressView(documents, party.ConsentAcceptedAt is not null, party.HandwritingPng is not null, waiting.Count == 0, waiting);
    }

    private async Task<(SigningCase Case, CaseParty Party)> LoadOwnAsync(Guid caseId, ClaimsPrincipal user, CancellationToken ct)
    {
        var c = await access.LoadToActAsAsync(caseId, user, Roles.Applicant, ct);
        var party = c.Parties.SingleOrDefault(p => p.Id == user.PartyOf()) ?? throw ApiProblemException.NotFound($"Case {caseId}");
        return (c, party);
    }

    private static Guid? LinkOf(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(OneThingClaims.Link), out var id) ? id : null;

    private static List<int> ParsePages(string pages) =>
        [.. pages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];
}
