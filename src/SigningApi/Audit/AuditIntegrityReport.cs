namespace OneThing.SigningApi.Audit;

/// <summary>The result of re-computing the whole audit chain.</summary>
/// <param name="Intact">True when every chained entry's hash and link are as stored and indexes run 1..n without gaps.</param>
/// <param name="FirstBrokenIndex">The first chain position whose content, hash or link does not match (null when intact).</param>
/// <param name="Pending">Entries committed but not yet chained (normally chained within a second).</param>
public sealed record AuditIntegrityReport(bool Intact, long Entries, long? FirstBrokenIndex, string? Problem, string? HeadHash, long Pending, DateTimeOffset CheckedAt);
