namespace OneThing.SigningApi.Core.Limits;

/// <summary>
/// Endpoint metadata: what a caller refused by the endpoint's rate-limit policy is told, so one
/// rejection handler serves every policy with a sentence that fits it.
/// </summary>
public sealed record RateLimitProblem(string Detail);
