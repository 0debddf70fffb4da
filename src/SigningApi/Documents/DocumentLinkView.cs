namespace OneThing.SigningApi.Documents;

public sealed record DocumentLinkView(string Kind, int Revision, string Sha256, Uri Url, DateTimeOffset ExpiresAt);
