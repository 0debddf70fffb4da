using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Core.Limits;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.ApplicantSigning;

/// <summary>
/// Request bodies are capped before anything buffers them: the idempotency middleware hashes a body
/// and model binding reads it whole, so without the cap a 4 MB "signature image" or case was taken in
/// full before any size check ran. PNG decoding (up to 64 MB of pixels each) has its own concurrency cap.
/// </summary>
public sealed class RequestBodyLimitTests(RequestBodyLimitTests.Factory factory) : IClassFixture<RequestBodyLimitTests.Factory>
{
    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Signing:HandwritingDecodeConcurrency"] = "1",
            ["OneThing:Signing:HandwritingDecodeQueueLimit"] = "0",
        };
    }

    private const long Upload = 4 * 1024 * 1024;
    private const long HandwritingLimit = 512 * 1024;

    private readonly ApiDriver _api = new(factory);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Handwriting_over_512_KB_with_an_idempotency_key_is_refused_after_reading_at_most_the_limit(bool declareLength)
    {
        var (applicant, caseId) = await ApplicantAsync();
        var body = CountingContent.Of(Upload, "image/png", declareLength);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/handwriting") { Content = body };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await applicant.SendAsync(request);

        await ApiDriver.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        // At most the limit and the one byte that shows it was passed.
        Assert.True(TestBodyMeter.ReadBy(response) <= HandwritingLimit + 1, $"the service read {TestBodyMeter.ReadBy(response)} bytes of a {Upload}-byte body");
    }

    [Fact]
    public async Task An_intake_body_declared_larger_than_its_limit_is_refused_before_a_byte_is_read()
    {
        var approval = await _api.AsAsync("approval-system");
        var body = CountingContent.Of(Upload, "application/json", declareLength: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await approval.SendAsync(request);

        await ApiDriver.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.Equal(0, TestBodyMeter.ReadBy(response));
    }

    [Fact]
    public async Task A_streamed_intake_body_stops_being_read_at_its_limit()
    {
        var approval = await _api.AsAsync("approval-system");
        var body = CountingContent.Of(Upload, "application/json", declareLength: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = body };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await approval.SendAsync(request);

        await ApiDriver.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body-too-large");
        Assert.True(TestBodyMeter.ReadBy(response) <= 1024 * 1024 + 1, $"the service read {TestBodyMeter.ReadBy(response)} bytes of a {Upload}-byte body");
    }

    [Fact]
    public async Task Handwriting_beyond_the_decoding_cap_and_a_full_queue_gets_503_with_Retry_After()
    {
        var (applicant, caseId) = await ApplicantAsync();
        using var held = factory.Services.GetRequiredService<ConcurrencyCaps>().Limiter(ApplicantSigningServiceCollectionExtensions.HandwritingDecodeCap).AttemptAcquire();
        Assert.True(held.IsAcquired);

        var png = new ByteArrayContent(TestPng.Signature());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var response = await applicant.PostAsync($"/api/v1/cases/{caseId}/handwriting", png);
        await ApiDriver.ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "busy");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));

        held.Dispose();
        png = new ByteArrayContent(TestPng.Signature());
        png.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await ApiDriver.EnsureAsync(await applicant.PostAsync($"/api/v1/cases/{caseId}/handwriting", png), HttpStatusCode.NoContent);
    }

    private async Task<(HttpClient Applicant, string CaseId)> ApplicantAsync()
    {
        var opened = await _api.OpenCaseAsync();
        var applicant = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        return (applicant, opened["id"]!.GetValue<string>());
    }
}
