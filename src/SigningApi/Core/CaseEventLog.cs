namespace OneThing.SigningApi.Core;

/// <summary>
/// The log messages of <see cref="LogEvents"/>, source-generated so each is cheap when off and always
/// carries its event id. Arguments are ids, fields, roles and counts only: never names, ID numbers,
/// phone numbers, link tokens or codes.
/// </summary>
public static partial class CaseEventLog
{
    [LoggerMessage(EventId = LogEvents.SignatureMade, EventName = nameof(LogEvents.SignatureMade), Level = LogLevel.Information,
        Message = "Case {CaseId}: {Field} ({Role}) signed {Documents} document(s)")]
    public static partial void SignatureMade(ILogger logger, Guid caseId, string field, string role, int documents);

    [LoggerMessage(EventId = LogEvents.SealApplied, EventName = nameof(LogEvents.SealApplied), Level = LogLevel.Information,
        Message = "Case {CaseId}: centre seal applied to {Documents} document(s) by {Role}")]
    public static partial void SealApplied(ILogger logger, Guid caseId, int documents, string role);

    [LoggerMessage(EventId = LogEvents.CaseCompleted, EventName = nameof(LogEvents.CaseCompleted), Level = LogLevel.Information,
        Message = "Case {CaseId} completed")]
    public static partial void CaseCompleted(ILogger logger, Guid caseId);

    [LoggerMessage(EventId = LogEvents.AdapterFailure, EventName = nameof(LogEvents.AdapterFailure), Level = LogLevel.Error,
        Message = "Case {CaseId}: the {Adapter} adapter failed on {MessageType}; the message will be retried")]
    public static partial void AdapterFailure(ILogger logger, Exception exception, Guid caseId, string adapter, string messageType);

    [LoggerMessage(EventId = LogEvents.AccessLocked, EventName = nameof(LogEvents.AccessLocked), Level = LogLevel.Warning,
        Message = "Case {CaseId}: the link of {Field} was locked after {Failures} {Reason}")]
    public static partial void AccessLocked(ILogger logger, Guid caseId, string field, int failures, string reason);

    [LoggerMessage(EventId = LogEvents.OutboxPublishFailed, EventName = nameof(LogEvents.OutboxPublishFailed), Level = LogLevel.Warning,
        Message = "Outbox: publishing {Type} {MessageId} failed (attempt {Attempt}): {Error}; kept for retry")]
    public static partial void OutboxPublishFailed(ILogger logger, string type, Guid messageId, int attempt, string? error);
}
