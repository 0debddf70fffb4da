using Org.BouncyCastle.Tsp;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// Timestamps from the built-in authority without a network hop (the embedded mode). The reply is
/// still checked like an external one, so a misconfigured TSA key can never yield an unchecked token.
/// </summary>
internal sealed class InProcessTimestampClient : ITimestampClient
{
    private readonly TimestampAuthority _authority;
    private readonly TimestampReplyValidator _validator;

    public InProcessTimestampClient(TimestampAuthority authority, TimeProvider clock)
    {
        _authority = authority;
        var anchors = authority.Chain.Count > 0 ? [authority.Chain[^1]] : new[] { authority.Certificate };
        _validator = new TimestampReplyValidator(anchors, TimeSpan.FromMinutes(1), clock);
    }

    public Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken) =>
        GetTokenAsync(System.Security.Cryptography.HashAlgorithmName.SHA256, sha256Imprint, cancellationToken);

    public Task<TimeStampToken> GetTokenAsync(System.Security.Cryptography.HashAlgorithmName algorithm, byte[] imprint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TimeStampRequest request;
        try
        {
            request = TimestampRequestFactory.Create(algorithm, imprint, _authority.PolicyOid);
        }
        catch (ArgumentException e)
        {
            throw new TimestampUnavailableException($"Cannot ask for a timestamp: {e.Message}", e);
        }

        return Task.FromResult(_validator.Validate(request, _authority.Respond(request), "built-in TSA"));
    }
}
