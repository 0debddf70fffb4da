using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Telemetry;

/// <summary>What the database said at the last sample: the outbox backlog and the number of cases in each status.</summary>
public sealed record OperationalSnapshot(
    long OutboxPending,
    TimeSpan OldestPendingAge,
    IReadOnlyDictionary<CaseStatus, long> CasesByStatus,
    DateTimeOffset SampledAt);
