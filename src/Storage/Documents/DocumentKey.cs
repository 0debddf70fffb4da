using System.Globalization;
using System.Text.RegularExpressions;

namespace OneThing.Storage.Documents;

/// <summary>
/// Identifies one revision of one document: centre / case / document / revision. The object key
/// derived from it is the same on every store, so a filesystem archive can be copied into S3 as is.
/// </summary>
public sealed partial record DocumentKey
{
    public const int MaxRevision = 999_999;

    public DocumentKey(string centreId, string caseId, string documentId, int revision)
    {
        CentreId = RequireSegment(centreId, nameof(centreId));
        CaseId = RequireSegment(caseId, nameof(caseId));
        DocumentId = RequireSegment(documentId, nameof(documentId));
        if (revision is < 1 or > MaxRevision)
            throw new ArgumentOutOfRangeException(nameof(revision), revision, $"A revision is between 1 and {MaxRevision}.");
        Revision = revision;
    }

    public string CentreId { get; }
    public string CaseId { get; }
    public string DocumentId { get; }
    public int Revision { get; }

    /// <summary>"{centre}/{case}/{document}/r{revision:000000}": fixed width so listings sort by revision.</summary>
    public string ObjectKey =>
        string.Create(CultureInfo.InvariantCulture, $"{CentreId}/{CaseId}/{DocumentId}/r{Revision:D6}");

    public DocumentKey WithRevision(int revision) => new(CentreId, CaseId, DocumentId, revision);

    public override string ToString() => ObjectKey;

    /// <summary>Parses an object key; anything else found in a bucket or folder is not ours and yields false.</summary>
    public static bool TryParse(string objectKey, out DocumentKey? key)
    {
        key = null;
        var parts = objectKey.Split('/');
        if (parts.Length != 4 || !RevisionPattern().IsMatch(parts[3])) return false;
        if (!IsValidSegment(parts[0]) || !IsValidSegment(parts[1]) || !IsValidSegment(parts[2])) return false;
        var revision = int.Parse(parts[3].AsSpan(1), CultureInfo.InvariantCulture);
        if (revision < 1) return false;
        key = new DocumentKey(parts[0], parts[1], parts[2], revision);
        return true;
    }

    /// <summary>Letters, digits, '.', '_' and '-', starting with a letter or digit: safe as a path segment and an S3 key part.</summary>
    public static bool IsValidSegment(string? value) => value is not null && SegmentPattern().IsMatch(value);

    private static string RequireSegment(string value, string name) =>
        IsValidSegment(value)
            ? value
            : throw new ArgumentException(
                $"'{value}' is not a valid {name}: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.", name);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex("^r[0-9]{6}$")]
    private static partial Regex RevisionPattern();
}
