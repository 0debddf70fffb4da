namespace OneThing.SigningApi.Intake;

public sealed record TimelineView(DateTimeOffset At, string Action, string Actor, string ActorRole, string? Detail, string? ClientAddress, string? UserAgent);
