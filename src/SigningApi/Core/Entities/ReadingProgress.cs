namespace OneThing.SigningApi.Core.Entities;

/// <summary>
/// The pages of one document revision a party has had drawn on their screen, kept on the server so a
/// reload, another browser or the next day resumes where they were. Bound to the revision and its
/// SHA-256: once another signature makes a new revision, that revision is read afresh. The access
/// session (link) that last added pages is kept beside them.
/// </summary>
public sealed class ReadingProgress
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid PartyId { get; set; }
    public required string DocumentKind { get; set; }
    public int Revision { get; set; }
    public required string Sha256 { get; set; }
    public int PageCount { get; set; }

    /// <summary>1-based page numbers, ascending, comma-separated.</summary>
    public string PagesRead { get; set; } = "";

    public Guid? LinkId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Version { get; set; }
}
