namespace OneThing.SigningApi.ApplicantSigning;

public sealed record ConsentView(string Text);

public sealed record ConsentRequest(string Text);

public sealed record DeclineRequest(string Reason);
