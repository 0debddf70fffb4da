
namespace OneThing.SigningApi.Core.Entities;

/// <summary>One stored state change of a case: from, to, who, in which role, when and why.</summary>
public sealed class CaseTransition
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }

    /// <summary>Null for the first transition (the case coming into existence as Opened).</summary>
    public CaseStatus? From { get; set; }
    public CaseStatus To { get; set; }
    public required string Actor { get; set; }
    public required string ActorRole { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Reason { get; set; }
}
