namespace OneThing.SigningApi.Intake;

/// <summary>
/// One timeline step as answered: <paramref name="Detail"/> is the technical line the audit chain hashes,
/// <paramref name="DetailText"/> the same said in Chinese (Core/RecordText), which is what people read.
/// </summary>
public sealed record TimelineView(DateTimeOffset At, string Action, string Actor, string ActorRole, string? Detail, string? ClientAddress, string? UserAgent, string DetailText);
