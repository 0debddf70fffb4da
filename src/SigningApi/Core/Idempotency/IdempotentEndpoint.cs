
namespace OneThing.SigningApi.Core.Idempotency;

/// <summary>Endpoint metadata: this state-changing POST honours an <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentEndpoint;

public static class IdempotencyEndpointExtensions
{
    public const string HeaderName = "Idempotency-Key";

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentEndpoint());
}
