namespace OneThing.SigningApi.Core.Entities;

/// <summary>One step in a case's progress, as shown to applicants, staff and the service assistant.</summary>
public sealed class TimelineEntry
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Action { get; set; }
    public required string Actor { get; set; }
    public required string ActorRole { get; set; }
    public string? Detail { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
}
