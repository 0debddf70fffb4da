using System.Diagnostics;
using System.Net;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Telemetry;

/// <summary>
/// One applicant's sign request, traced in-process with the service's own tracing configuration:
/// the request in, each document's signature with its key operation and timestamp, and the store
/// writes form one tree under the HTTP span, tagged with identifiers and never with personal data.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class SignRequestTraceTests(TracedSigningApiFactory factory) : IClassFixture<TracedSigningApiFactory>
{
    [Fact]
    public async Task An_applicant_sign_request_is_one_trace_from_the_http_span_down_to_signing_timestamps_and_store_writes_without_personal_data() =>
        await new SignRequestTrace(factory).SignAndCheckAsync();
}

/// <summary>With the S3 store: the trace goes on below each store write to the S3 PUT itself.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class S3SignRequestTraceTests(TracedS3SigningApiFactory factory) : IClassFixture<TracedS3SigningApiFactory>
{
    [Fact]
    public async Task An_applicant_sign_request_traced_with_the_S3_store_reaches_the_S3_PUT_of_each_document()
    {
        var (trace, puts) = await new SignRequestTrace(factory).SignAndCheckAsync();
        var byId = trace.ToDictionary(s => s.SpanId);
        foreach (var put in puts)
        {
            var http = trace.Where(s => s.Kind == ActivityKind.Client && s.Source.Name != "OneThing" && s.ParentSpanId == put.SpanId).ToList();
            Assert.Contains(http, s => Equals(s.GetTagItem("http.request.method"), "PUT") && (s.GetTagItem("url.full") as string ?? "").Contains(factory.Bucket, StringComparison.Ordinal));
        }
    }
}

/// <summary>One applicant's sign request and the checks every store shares.</summary>
internal sealed class SignRequestTrace(TracedSigningApiFactory factory)
{
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";
    private static readonly string[] DocumentKinds = ["deduction-authorization", "loan-contract", "mortgage-contract"];
    private static readonly string[] PersonalData = [BorrowerName, BorrowerId, BorrowerPhone, "李秀兰", "510603199007232844", "13990267788"];

    private readonly ApiDriver _api = new(factory);

    /// <summary>Signs as the borrower, checks the one tree, and returns the request's trace and its store-put spans.</summary>
    public async Task<(List<Activity> Trace, List<Activity> Puts)> SignAndCheckAsync()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), BorrowerName, BorrowerId, BorrowerPhone);
        await _api.PrepareToSignAsync(borrower, caseId);

        await ApiDriver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);

        // The server span ends just after the response is written: wait for it to be exported.
        var signPath = $"/api/v1/cases/{caseId}/sign";
        Activity? server = null;
        for (var i = 0; i < 100 && server is null; i++)
        {
            server = factory.Spans.Snapshot().SingleOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), signPath));
            if (server is null) await Task.Delay(50);
        }
        Assert.NotNull(server);
        Assert.Equal("POST", server.GetTagItem("http.request.method"));

        var trace = factory.Spans.Snapshot().Where(s => s.TraceId == server.TraceId).ToList();
        var byId = trace.ToDictionary(s => s.SpanId);
        var signs = trace.Where(s => s.Source.Name == "OneThing" && s.OperationName == "sign").ToList();
        var timestamps = trace.Where(s => s.Source.Name == "OneThing" && s.OperationName == "timestamp").ToList();
        var keyOperations = trace.Where(s => s.Source.Name == "OneThing" && s.OperationName == "key-operation").ToList();
        var puts = trace.Where(s => s.Source.Name == "OneThing" && s.OperationName == "store-put").ToList();

        // One signature, one key operation, one signature timestamp and one store write per document.
        Assert.Equal(DocumentKinds, signs.Select(s => (string)s.GetTagItem("onething.document_kind")!).Order(StringComparer.Ordinal));
        Assert.Equal(DocumentKinds, puts.Select(s => (string)s.GetTagItem("onething.document_kind")!).Order(StringComparer.Ordinal));
        Assert.Equal(3, keyOperations.Count);
        Assert.Equal(3, timestamps.Count);
        Assert.All(signs.Concat(puts), s => Assert.Equal(caseId, s.GetTagItem("onething.case_id")));

        // Every one of them hangs under the HTTP span; key operations and timestamps under a signature.
        foreach (var span in signs.Concat(timestamps).Concat(keyOperations).Concat(puts))
            Assert.Contains(server.SpanId, Ancestors(span, byId));
        foreach (var span in timestamps.Concat(keyOperations))
            Assert.Contains(Ancestors(span, byId), a => byId.TryGetValue(a, out var p) && p.OperationName == "sign");

        // No attribute of any span in the trace carries a name, ID number or phone number.
        foreach (var span in trace)
            foreach (var (key, value) in span.TagObjects)
                Assert.DoesNotContain(PersonalData, p => (value?.ToString() ?? "").Contains(p, StringComparison.Ordinal)
                    || key.Contains(p, StringComparison.Ordinal) || span.DisplayName.Contains(p, StringComparison.Ordinal));
        return (trace, puts);
    }

    /// <summary>The span ids from <paramref name="span"/>'s parent up to the root, as far as the trace holds them.</summary>
    private static List<ActivitySpanId> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        var chain = new List<ActivitySpanId>();
        var parent = span.ParentSpanId;
        while (parent != default && chain.Count < 64)
        {
            chain.Add(parent);
            if (!byId.TryGetValue(parent, out var p)) break;
            parent = p.ParentSpanId;
        }
        return chain;
    }
}
