namespace OneThing.Seal.Verification.Report;

/// <summary>One object changed by a revision, with the rule that allowed or rejected it.</summary>
public sealed record RevisionChange(string Object, bool Allowed, string Reason);
