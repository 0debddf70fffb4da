using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Logging;

/// <summary>
/// The log of a whole case with <c>OneThing:Logging:Format=json</c> and every category at Trace:
/// no secret or personal datum in it, valid JSON lines with trace and span ids, one event per
/// signature, seal and completion.
/// </summary>
public sealed class WholeCaseLogTests(WholeCaseLogFixture fixture) : IClassFixture<WholeCaseLogFixture>
{
    private CapturedLog Log => fixture.Factory.Log;

    [Fact]
    public void The_trace_level_log_of_a_whole_case_holds_no_link_or_download_token_code_access_token_name_ID_number_phone_number_or_address()
    {
        var entries = Log.Entries;
        // The scan means something only if the verbose levels really were captured.
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Level == LogLevel.Debug && e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(fixture.Run.Secrets, s => s.What == "SMS code");
        Assert.Contains(fixture.Run.Secrets, s => s.What == "link token");

        var leaks = new List<string>();
        foreach (var entry in entries)
        {
            // The JSON line escapes non-ASCII text, so its decoded strings are scanned as well as the raw text.
            var text = entry.AllText + "\n" + string.Join('\n', JsonStrings(JsonDocument.Parse(entry.ConsoleLine).RootElement));
            foreach (var secret in fixture.Run.Secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)))
            {
                leaks.Add($"{secret.What} in {entry.Level} {entry.Category} [{entry.EventId}]: {entry.ConsoleLine.Trim()}");
            }
        }
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s) in {entries.Count} log entries:\n{string.Join('\n', leaks.Take(20))}");
    }

    [Fact]
    public void Every_console_line_is_one_JSON_object_with_a_UTC_timestamp_and_every_request_log_carries_trace_and_span_ids()
    {
        var entries = Log.Entries;
        Assert.Equal("json", Log.Formatter.Name);
        foreach (var entry in entries)
        {
            var line = entry.ConsoleLine.TrimEnd('\r', '\n');
            Assert.DoesNotContain('\n', line);
            var json = JsonDocument.Parse(line).RootElement;
            Assert.Equal(entry.Category, json.GetProperty("Category").GetString());
            Assert.Equal(entry.EventId.Id, json.GetProperty("EventId").GetInt32());
            Assert.EndsWith("Z", json.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
        }
        // Logged inside a request: the endpoint's category.
        var requestLines = entries.Where(e => e.Category == "Microsoft.AspNetCore.Routing.EndpointMiddleware").ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, e =>
        {
            var ids = ActivityScope(JsonDocument.Parse(e.ConsoleLine).RootElement);
            Assert.NotNull(ids);
            Assert.Matches("^[0-9a-f]{32}$", ids.Value.TraceId);
            Assert.Matches("^[0-9a-f]{16}$", ids.Value.SpanId);
        });
    }

    [Fact]
    public async Task A_request_with_a_traceparent_logs_JSON_lines_carrying_that_trace_id_and_its_own_span_id()
    {
        var trace = ActivityTraceId.CreateRandom();
        var parent = ActivitySpanId.CreateRandom();
        var officer = await new ApiDriver(fixture.Factory).AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{fixture.Run.CaseId}");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{trace.ToHexString()}-{parent.ToHexString()}-01");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        await ApiDriver.EnsureAsync(await officer.SendAsync(request), HttpStatusCode.OK);

        var ofRequest = Log.Entries
            .Select(e => ActivityScope(JsonDocument.Parse(e.ConsoleLine).RootElement))
            .Where(ids => ids?.TraceId == trace.ToHexString()).Select(ids => ids!.Value).ToList();
        Assert.NotEmpty(ofRequest);
        Assert.All(ofRequest, ids =>
        {
            Assert.Equal(parent.ToHexString(), ids.ParentId);
            Assert.Matches("^[0-9a-f]{16}$", ids.SpanId);
            Assert.NotEqual(parent.ToHexString(), ids.SpanId);
        });
    }

    [Fact]
    public async Task A_whole_case_logs_signature_made_once_per_signer_seal_applied_once_and_case_completed_once()
    {
        var caseId = fixture.Run.CaseId;
        List<CapturedEntry> Of(int id) => Log.Entries.Where(e => e.EventId.Id == id && CaseOf(e) == caseId).ToList();
        // CaseCompleted is logged once the consumer's commit returns, a moment after the API shows Completed.
        await WholeCaseLogFixture.WaitUntilAsync(() => Task.FromResult(Of(LogEvents.CaseCompleted).Count > 0), "the CaseCompleted log event");

        var signatures = Of(LogEvents.SignatureMade);
        Assert.Equal(["Borrower", "CoBorrower1", "LoanOfficer"], signatures.Select(e => StateOf(e, "Field")).Order());
        Assert.All(signatures, e => Assert.Equal(nameof(LogEvents.SignatureMade), e.EventId.Name));
        var seal = Assert.Single(Of(LogEvents.SealApplied));
        Assert.Equal(nameof(LogEvents.SealApplied), seal.EventId.Name);
        Assert.Equal("3", StateOf(seal, "Documents"));
        Assert.Equal(nameof(LogEvents.CaseCompleted), Assert.Single(Of(LogEvents.CaseCompleted)).EventId.Name);
    }

    [Fact]
    public void Locking_a_link_after_five_wrong_identities_logs_access_locked_once_for_that_case()
    {
        var locked = Log.Entries.Where(e => e.EventId.Id == LogEvents.AccessLocked).ToList();
        var entry = Assert.Single(locked);
        Assert.Equal(fixture.Run.LockedCaseId, CaseOf(entry));
        Assert.Equal(nameof(LogEvents.AccessLocked), entry.EventId.Name);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Borrower", StateOf(entry, "Field"));
    }

    private static Guid? CaseOf(CapturedEntry e) =>
        e.State.FirstOrDefault(p => p.Key == "CaseId").Value is Guid g ? g : null;

    private static string? StateOf(CapturedEntry e, string key) =>
        Convert.ToString(e.State.FirstOrDefault(p => p.Key == key).Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The scope <c>ActivityTrackingOptions</c> adds: TraceId, SpanId and ParentId of the current activity.</summary>
    private static (string TraceId, string SpanId, string? ParentId)? ActivityScope(JsonElement line)
    {
        if (!line.TryGetProperty("Scopes", out var scopes)) return null;
        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("TraceId", out var trace) && scope.TryGetProperty("SpanId", out var span))
            {
                return (trace.GetString()!, span.GetString()!, scope.TryGetProperty("ParentId", out var p) ? p.GetString() : null);
            }
        }
        return null;
    }

    private static IEnumerable<string> JsonStrings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => JsonStrings(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(JsonStrings),
        _ => [],
    };
}
