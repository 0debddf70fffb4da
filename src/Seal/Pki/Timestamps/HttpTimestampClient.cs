using System.Net;
using System.Net.Http.Headers;
using Org.BouncyCastle.Tsp;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// RFC 3161 over HTTP (RFC 3161 §3.4): POSTs an <c>application/timestamp-query</c> with a fresh nonce
/// and certReq, retries transport failures with a per-attempt timeout, and hands back the token only
/// after <see cref="TimestampReplyValidator"/> accepted it. Every failure is a <see cref="TimestampUnavailableException"/>.
/// </summary>
public sealed class HttpTimestampClient : ITimestampClient
{
    public const string QueryMediaType = "application/timestamp-query";
    public const string ReplyMediaType = "application/timestamp-reply";

    private readonly HttpClient _http;
    private readonly HttpTimestampClientOptions _options;
    private readonly TimestampReplyValidator _validator;
    private readonly ResiliencePipeline _pipeline;

    public HttpTimestampClient(HttpClient http, HttpTimestampClientOptions options, TimeProvider clock)
    {
        if (options.TrustAnchors.Count == 0)
        {
            throw new ArgumentException("An external TSA needs at least one trust anchor.", nameof(options));
        }

        if (options.MaxAttempts < 1)
        {
            throw new ArgumentException("MaxAttempts must be at least 1.", nameof(options));
        }

        _http = http;
        _options = options;
        _validator = new TimestampReplyValidator(options.TrustAnchors, options.MaxClockSkew, clock);
        var builder = new ResiliencePipelineBuilder { TimeProvider = clock };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>().Handle<TransientTsaException>(),
            });
        }

        _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
    }

    public Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken) =>
        GetTokenAsync(System.Security.Cryptography.HashAlgorithmName.SHA256, sha256Imprint, cancellationToken);

    public async Task<TimeStampToken> GetTokenAsync(System.Security.Cryptography.HashAlgorithmName algorithm, byte[] imprint, CancellationToken cancellationToken)
    {
        TimeStampRequest request;
        try
        {
            request = TimestampRequestFactory.Create(algorithm, imprint, _options.PolicyOid);
        }
        catch (ArgumentException e)
        {
            throw new TimestampUnavailableException($"Cannot ask for a timestamp: {e.Message}", e);
        }

        var source = _options.Url.ToString();
        byte[] reply;
        try
        {
            var requestBytes = request.GetEncoded();
            reply = await _pipeline.ExecuteAsync(async token => await PostAsync(requestBytes, token), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            throw new TimestampUnavailableException($"The TSA {source} did not answer within {_options.AttemptTimeout.TotalSeconds:0.#} s ({_options.MaxAttempts} attempts).", e);
        }
        catch (HttpRequestException e)
        {
            throw new TimestampUnavailableException($"The TSA {source} cannot be reached ({_options.MaxAttempts} attempts): {e.Message}", e);
        }
        catch (TransientTsaException e)
        {
            throw new TimestampUnavailableException($"The TSA {source} failed ({_options.MaxAttempts} attempts): {e.Message}", e);
        }

        TimeStampResponse response;
        try
        {
            response = new TimeStampResponse(reply);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or TspException or Org.BouncyCastle.Asn1.Asn1Exception)
        {
            throw new TimestampUnavailableException($"The TSA {source} answered with something that is not an RFC 3161 TimeStampResp.", e);
        }

        return _validator.Validate(request, response, source);
    }

    private async ValueTask<byte[]> PostAsync(byte[] requestBytes, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(requestBytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(QueryMediaType);
        using var response = await _http.PostAsync(_options.Url, content, cancellationToken);
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            throw new TransientTsaException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new TimestampUnavailableException($"The TSA {_options.Url} refused the request: HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentType?.MediaType != ReplyMediaType)
        {
            throw new TimestampUnavailableException($"The TSA {_options.Url} answered with content type '{response.Content.Headers.ContentType}' instead of {ReplyMediaType}.");
        }

        if (response.Content.Headers.ContentLength > _options.MaxReplyBytes)
        {
            throw new TimestampUnavailableException($"The TSA {_options.Url} answered with {response.Content.Headers.ContentLength} bytes, more than a timestamp reply can be.");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return bytes.Length <= _options.MaxReplyBytes
            ? bytes
            : throw new TimestampUnavailableException($"The TSA {_options.Url} answered with {bytes.Length} bytes, more than a timestamp reply can be.");
    }

    /// <summary>A failure worth another attempt (server error); never used for wrong answers.</summary>
    private sealed class TransientTsaException(string message) : Exception(message);
}
