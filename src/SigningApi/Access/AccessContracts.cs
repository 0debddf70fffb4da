namespace OneThing.SigningApi.Access;

/// <summary>Name and ID number as the signer types them; compared with the case's party.</summary>
public sealed record IdentityCheckRequest(string Name, string IdNumber);

/// <summary>A one-time code was sent to the phone on file.</summary>
public sealed record CodeChallenge(string PhoneMasked, DateTimeOffset ExpiresAt, DateTimeOffset ResendAvailableAt, int AttemptsAllowed);

public sealed record CodeCheckRequest(string Code);

/// <summary>The applicant's access token, scoped to one case and one party.</summary>
public sealed record ApplicantAccess(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, Guid CaseId, Guid PartyId, string FieldName);

/// <summary>
/// What a signing link shows before identity: the centre and its phone, the contract, amount (fen), term,
/// the deadline, the party's role, and in a sequential case whether it is their turn and whose roles come first.
/// <c>Returning</c> says the link was used before, so the page can say the way back in is identity plus a new code.
/// </summary>
public sealed record LinkLanding(
    string CentreName, string CentrePhone, string ContractNumber, long LoanAmountFen, int TermMonths, DateTimeOffset SignBy,
    string Role, OneThing.SigningApi.Core.Entities.SigningOrder SigningOrder, bool YourTurn, IReadOnlyList<string> WaitingForRoles, bool Returning);
