namespace OneThing.SigningApi.Staff;

public sealed record CancelRequest(string? Reason);
