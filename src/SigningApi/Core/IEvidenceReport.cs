using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Core;

/// <summary>
/// The sealed evidence report a case completes with. The post-seal steps need it; the audit trail
/// (which the report lists) produces it.
/// </summary>
public interface IEvidenceReport
{
    /// <summary>Verifies the final documents, renders and seals the report, and stages it as the case's new document (uncommitted).</summary>
    /// <remarks>Taken with the case's <paramref name="turn"/>, which the new document is written under.</remarks>
    Task<DocumentDigest> CreateAsync(SigningCase c, CaseTurn turn, CancellationToken ct);
}
