namespace OneThing.Contracts.Events.V1;

/// <summary>
/// Every event about a case carries these. Published as its own fanout exchange too
/// (<c>OneThing.Contracts.Events.V1:ICaseEvent</c>), so one queue bound there receives every case event.
/// </summary>
public interface ICaseEvent
{
    /// <summary>The OneThing case id (also the envelope's correlationId).</summary>
    Guid CaseId { get; }

    /// <summary>The approval system's application number (unique per case).</summary>
    string ApplicationNumber { get; }

    /// <summary>When the change happened (UTC offset), not when it was delivered.</summary>
    DateTimeOffset OccurredAt { get; }
}
