namespace OneThing.Contracts.Events.V1;

/// <summary>One revision of a case document: its kind (<c>loan-contract</c>, <c>mortgage-contract</c>, <c>deduction-authorization</c>, <c>evidence-report</c>), revision number and SHA-256 (lower-case hex).</summary>
public sealed record DocumentDigest(string Kind, int Revision, string Sha256);
