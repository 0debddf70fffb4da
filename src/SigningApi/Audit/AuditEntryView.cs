using OneThing.SigningApi.Core;

namespace OneThing.SigningApi.Audit;

/// <summary>
/// An audit entry as answered: every stored column (the chain covers them as written), then
/// <paramref name="DetailText"/>, the detail in Chinese (Core/RecordText), which is what staff read.
/// </summary>
public sealed record AuditEntryView(
    long Id, Guid? CaseId, DateTimeOffset At, string Action, string Actor, string ActorRole, string? ClientAddress, string? UserAgent,
    string? Detail, string? DocumentHashes, string? VerificationResults, long? ChainIndex, string? PreviousHash, string? Hash, string DetailText)
{
    public static AuditEntryView Of(AuditEntry e) => new(e.Id, e.CaseId, e.At, e.Action, e.Actor, e.ActorRole, e.ClientAddress, e.UserAgent,
        e.Detail, e.DocumentHashes, e.VerificationResults, e.ChainIndex, e.PreviousHash, e.Hash, RecordText.AuditDetail(e.Action, e.Detail));
}
