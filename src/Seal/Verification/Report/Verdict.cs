namespace OneThing.Seal.Verification.Report;

/// <summary>Overall outcome; maps one-to-one onto the CLI exit codes 0, 1 and 2.</summary>
public enum Verdict
{
    /// <summary>Every signature intact, trusted, not revoked, timestamps valid, no disallowed change.</summary>
    Valid,
    /// <summary>Readable, but at least one check failed or could not be completed.</summary>
    Invalid,
    /// <summary>Not a readable PDF.</summary>
    Unreadable,
}
