using Microsoft.AspNetCore.Http.Features;

namespace OneThing.SigningApi.Core.Limits;

/// <summary>
/// Endpoint metadata: the largest request body the endpoint accepts, read from its feature's
/// validated options per request. Endpoints without it get <see cref="RequestBodyLimits.DefaultBytes"/>.
/// </summary>
public sealed record RequestBodyLimit(Func<IServiceProvider, long> Bytes);

/// <summary>Thrown when a body grows past its endpoint's limit while being read; answered 413.</summary>
public sealed class RequestBodyTooLargeException(long limit) : Exception($"The request body exceeds {limit} bytes.")
{
    public long Limit { get; } = limit;
}

public static class RequestBodyLimits
{
    /// <summary>Every JSON body the API takes (consent, decline, device signatures, tokens) is a few KB.</summary>
    public const long DefaultBytes = 256 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, Func<IServiceProvider, long> bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));
}

/// <summary>
/// Caps each request body at its endpoint's limit before anything buffers it (the idempotency
/// middleware hashes the body, model binding reads it whole): a declared length over the limit is
/// refused at once without reading, and a streamed body stops being read at the limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.Bytes(http.RequestServices) ?? RequestBodyLimits.DefaultBytes;
        if (http.Request.ContentLength > limit) throw new RequestBodyTooLargeException(limit);
        // Kestrel then enforces it too, below the stream wrapper.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        http.Request.Body = new CappedReadStream(http.Request.Body, limit);
        await next(http);
    }

    private sealed class CappedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Window(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Window(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        /// <summary>Never asks the client for more than one byte past the limit: that byte is enough to know it was exceeded.</summary>
        private int Window(int count) => (int)Math.Min(count, Math.Max(1, limit - _read + 1));

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new RequestBodyTooLargeException(limit);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
