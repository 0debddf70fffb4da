namespace OneThing.SigningApi.Access;

/// <summary>Name and ID number as the signer types them; compared with the case's party.</summary>
public sealed record IdentityCheckRequest(string Name, string IdNumber);

/// <summary>A one-time code was sent to the phone on file.</summary>
public sealed record CodeChallenge(string PhoneMasked, DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt, int AttemptsAllowed);

public sealed record CodeCheckRequest(string Code);

/// <summary>The applicant's access token, scoped to one case and one party.</summary>
public sealed record ApplicantAccess(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, Guid CaseId, Guid PartyId, string FieldName);
