using System.Diagnostics;

namespace OneThing.SigningApi.Core.Telemetry;

/// <summary>
/// The service's own spans (render, sign, key operation, timestamp, LTV, verify, store, SMS, adapters).
/// A BCL <see cref="ActivitySource"/>: with no listener (tracing not configured) starting a span returns
/// null and costs a check. Attributes carry identifiers only (case id, document kind), never names, ID
/// numbers or phone numbers.
/// </summary>
public static class OneThingActivity
{
    public const string SourceName = "OneThing";
    public const string CaseIdAttribute = "onething.case_id";
    public const string DocumentKindAttribute = "onething.document_kind";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span (null when nobody listens) tagged with the case and the document kind when known.</summary>
    public static Activity? Start(string name, Guid? caseId = null, string? documentKind = null, ActivityKind kind = ActivityKind.Internal)
    {
        var activity = Source.StartActivity(name, kind);
        if (activity is null) return null;
        if (caseId is { } id) activity.SetTag(CaseIdAttribute, id.ToString());
        if (documentKind is not null) activity.SetTag(DocumentKindAttribute, documentKind);
        return activity;
    }

    /// <summary>Marks the span failed with the exception's type (not its message, which may quote data).</summary>
    public static void Fail(this Activity? activity, Exception exception) =>
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
}
