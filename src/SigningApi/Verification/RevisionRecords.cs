using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Persistence;
using OneThing.Storage.Catalog;

namespace OneThing.SigningApi.Verification;

/// <summary>
/// Which of the centre's stored revisions a file is, by its SHA-256: the case (contract number, centre,
/// parties by masked name), the document and revision, and whether it is the final sealed version.
/// </summary>
public sealed record RevisionMatchView(
    Guid CaseId, string ContractNumber, string CaseNumber, string CentreName, IReadOnlyList<string> Parties,
    string DocumentKind, string DocumentId, int Revision, int CurrentRevision, CaseStatus Status, bool IsFinalSealed);

public static class RevisionRecords
{
    private static readonly HashSet<CaseStatus> Sealed =
    [
        CaseStatus.Sealed, CaseStatus.MortgageRegistrationRequested, CaseStatus.MortgageRegistered,
        CaseStatus.DisbursementRequested, CaseStatus.Disbursed, CaseStatus.Completed,
    ];

    /// <summary>
    /// Looks the digest up among every stored revision; a case the caller may not see answers exactly as
    /// an unknown digest does (404), so the lookup tells nobody which files the centre holds for others.
    /// </summary>
    public static async Task<Ok<RevisionMatchView>> Find(string sha256, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var digest = (sha256 ?? "").Trim().ToLowerInvariant();
        if (digest.Length != 64 || !digest.All(Uri.IsHexDigit))
            throw RequestValidationException.From([("sha256", "must be 64 hexadecimal characters")]);
        var found = await FindVisibleAsync(digest, db, user, ct);
        return found is { } f ? TypedResults.Ok(f.Match) : throw ApiProblemException.NotFound("A stored revision with this SHA-256");
    }

    /// <summary>The stored revision with this (lower-case hex) digest in a case the caller may see, with that case's centre code; null when none.</summary>
    public static async Task<(RevisionMatchView Match, string CentreCode)?> FindVisibleAsync(string digest, SigningDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var records = await db.Set<StoredRevisionRecord>().AsNoTracking().Where(r => r.Sha256 == digest).ToListAsync(ct);
        foreach (var record in records)
        {
            if (!Guid.TryParseExact(record.CaseId, "N", out var caseId)) continue;
            var c = await db.Cases.AsNoTracking().Include(x => x.Parties).Include(x => x.Documents).SingleOrDefaultAsync(x => x.Id == caseId, ct);
            if (c is null || !CaseAccess.CanSee(user, c)) continue;
            var document = c.Documents.SingleOrDefault(d => d.DocumentId == record.DocumentId);
            if (document is null) continue;
            using var json = JsonDocument.Parse(c.CaseJson);
            var root = json.RootElement;
            var match = new RevisionMatchView(c.Id, Text(root, "contractNumber"), Text(root, "caseNumber"),
                root.TryGetProperty("centre", out var centre) ? Text(centre, "name") : "",
                [.. c.Parties.OrderBy(p => p.SigningOrder).Select(p => $"{p.Role}:{MaskName(p.Name)}")],
                document.Kind, document.DocumentId, record.Revision, document.Revision, c.Status,
                Sealed.Contains(c.Status) && record.Revision == document.Revision);
            return (match, c.CentreCode);
        }
        return null;
    }

    /// <summary>王建国 → 王*国, 李明 → 李*: enough for a clerk to match the paper in front of them.</summary>
    public static string MaskName(string name) => name.Length switch
    {
        <= 1 => "*",
        2 => $"{name[0]}*",
        _ => $"{name[0]}{new string('*', name.Length - 2)}{name[^1]}",
    };

    private static string Text(JsonElement e, string property) => e.TryGetProperty(property, out var v) ? v.GetString() ?? "" : "";
}
