namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>
/// Where an applicant stands on their own case, so any browser resumes there: pages read per current
/// document revision, consent, handwriting, and whether it is their turn in a sequential case.
/// </summary>
public sealed record SigningProgressView(
    IReadOnlyList<DocumentProgressView> Documents,
    bool ConsentAccepted,
    bool HandwritingStored,
    bool YourTurn,
    IReadOnlyList<WaitingForView> WaitingFor);

/// <summary>One document in reading order, at its current revision, with the 1-based pages already shown to the party.</summary>
public sealed record DocumentProgressView(string Kind, int Revision, int PageCount, IReadOnlyList<int> PagesRead);

/// <summary>A signer who must sign before this party in a sequential case.</summary>
public sealed record WaitingForView(string FieldName, string Role, string Name);

/// <summary>Pages of <c>Kind</c> at <c>Revision</c> that were drawn on the party's screen.</summary>
public sealed record PagesReadRequest(string Kind, int Revision, IReadOnlyList<int> Pages);
