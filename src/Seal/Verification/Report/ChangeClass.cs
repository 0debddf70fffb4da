namespace OneThing.Seal.Verification.Report;

/// <summary>How the changes made by a revision relate to the signatures before it.</summary>
public enum ChangeClass
{
    /// <summary>The revision is not preceded by any signature: nothing to protect yet.</summary>
    Unsigned,
    /// <summary>Only changes PAdES and the DocMDP/FieldMDP permissions allow.</summary>
    Allowed,
    /// <summary>At least one change a signer did not permit.</summary>
    Disallowed,
}
