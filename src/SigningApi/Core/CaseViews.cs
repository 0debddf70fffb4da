using System.Text.Json;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

public sealed record CaseView(
    Guid Id,
    string ApplicationNumber,
    string ContractNumber,
    CaseStatus Status,
    SigningOrder SigningOrder,
    string CentreCode,
    string BankCode,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<PartyView> Parties,
    IReadOnlyList<DocumentView> Documents);

public sealed record PartyView(Guid Id, string FieldName, string Role, int SigningOrder, string Name, PartyStatus Status,
    DateTimeOffset? SignedAt, DateTimeOffset? DeclinedAt, string? DeclineReason);

public sealed record DocumentView(string Kind, string DocumentId, string TemplateId, string TemplateVersion, int Revision,
    string Sha256, long Length, int PageCount);

internal static class CaseViews
{
    public static CaseView ToView(this SigningCase c) => new(
        c.Id, c.ApplicationNumber, ContractNumberOf(c), c.Status, c.SigningOrder, c.CentreCode, c.BankCode, c.CreatedAt, c.ExpiresAt,
        c.Parties.OrderBy(p => p.SigningOrder).Select(p => new PartyView(p.Id, p.FieldName, p.Role, p.SigningOrder, p.Name, p.Status, p.SignedAt, p.DeclinedAt, p.DeclineReason)).ToList(),
        c.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal).Select(d => new DocumentView(d.Kind, d.DocumentId, d.TemplateId, d.TemplateVersion, d.Revision, d.Sha256, d.Length, d.PageCount)).ToList());

    private static string ContractNumberOf(SigningCase c)
    {
        using var json = JsonDocument.Parse(c.CaseJson);
        return json.RootElement.TryGetProperty("contractNumber", out var n) ? n.GetString() ?? "" : "";
    }
}
