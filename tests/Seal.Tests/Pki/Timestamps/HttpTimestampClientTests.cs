using System.Security.Cryptography;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using OneThing.Seal.Pki;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki.Timestamps;

/// <summary>The client for external TSAs accepts honest answers only, against a local server that can lie.</summary>
public sealed class HttpTimestampClientTests : IDisposable
{
    private const string Reply = HttpTimestampClient.ReplyMediaType;
    private readonly ProductPki _pki = ProductPki.CreateInMemory();
    private readonly HttpClient _http = new();
    private readonly byte[] _imprint = SHA256.HashData("the contract"u8);

    [Fact]
    public async Task An_honest_tsa_gives_a_token_for_our_imprint_and_nonce()
    {
        using var server = new LocalHttpServer((method, _, body) => method == "POST"
            ? new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond(body))
            : new LocalHttpServer.Reply(405, null, []));
        var token = await Client(server.Url("/tsa")).GetTokenAsync(_imprint, CancellationToken.None);
        Assert.Equal(_imprint, token.TimeStampInfo.GetMessageImprintDigest());
        Assert.NotNull(token.TimeStampInfo.Nonce);
    }

    [Fact]
    public async Task A_token_for_another_imprint_is_refused()
    {
        using var server = new LocalHttpServer((_, _, body) =>
        {
            var asked = new TimeStampRequest(body);
            var other = new TimeStampRequestGenerator();
            other.SetCertReq(true);
            var forged = other.Generate(TspAlgorithms.Sha256, SHA256.HashData("something else"u8), asked.Nonce);
            return new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond(forged).GetEncoded());
        });
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(server.Url()).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("different message imprint", error.Message);
    }

    [Fact]
    public async Task A_token_with_another_nonce_is_refused()
    {
        using var server = new LocalHttpServer((_, _, body) =>
        {
            var asked = new TimeStampRequest(body);
            var other = new TimeStampRequestGenerator();
            other.SetCertReq(true);
            var replayed = other.Generate(TspAlgorithms.Sha256, asked.GetMessageImprintDigest(), BigInteger.ValueOf(42));
            return new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond(replayed).GetEncoded());
        });
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(server.Url()).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("wrong nonce", error.Message);
    }

    [Fact]
    public async Task An_unreachable_tsa_fails_clearly_after_the_retries()
    {
        var url = new Uri($"http://127.0.0.1:{LocalHttpServer.FreePort()}/tsa");
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(url, attempts: 2).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("cannot be reached (2 attempts)", error.Message);
    }

    [Fact]
    public async Task A_slow_tsa_times_out()
    {
        using var server = new LocalHttpServer((_, _, body) => new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond(body), TimeSpan.FromSeconds(5)));
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() =>
            Client(server.Url(), attempts: 1, timeout: TimeSpan.FromMilliseconds(300)).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("did not answer within", error.Message);
    }

    [Fact]
    public async Task A_server_error_is_retried_and_the_next_answer_used()
    {
        var calls = 0;
        using var server = new LocalHttpServer((_, _, body) => Interlocked.Increment(ref calls) == 1
            ? new LocalHttpServer.Reply(503, "text/plain", "busy"u8.ToArray())
            : new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond(body)));
        var token = await Client(server.Url(), attempts: 3).GetTokenAsync(_imprint, CancellationToken.None);
        Assert.Equal(_imprint, token.TimeStampInfo.GetMessageImprintDigest());
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task A_tsa_outside_the_trust_anchors_is_refused()
    {
        using var stranger = ProductPki.CreateInMemory();
        using var server = new LocalHttpServer((_, _, body) => new LocalHttpServer.Reply(200, Reply, stranger.TimestampAuthority.Respond(body)));
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(server.Url()).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("does not chain to a trusted anchor", error.Message);
    }

    [Fact]
    public async Task A_rejection_is_reported_with_its_status()
    {
        using var server = new LocalHttpServer((_, _, _) => new LocalHttpServer.Reply(200, Reply, _pki.TimestampAuthority.Respond("junk"u8)));
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(server.Url()).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("refused the request: status 2", error.Message);
    }

    [Fact]
    public async Task Html_instead_of_a_timestamp_reply_is_refused()
    {
        using var server = new LocalHttpServer((_, _, _) => new LocalHttpServer.Reply(200, "text/html", "<html>login</html>"u8.ToArray()));
        var error = await Assert.ThrowsAsync<TimestampUnavailableException>(() => Client(server.Url()).GetTokenAsync(_imprint, CancellationToken.None));
        Assert.Contains("content type", error.Message);
    }

    private HttpTimestampClient Client(Uri url, int attempts = 2, TimeSpan? timeout = null) => new(_http, new HttpTimestampClientOptions
    {
        Url = url,
        TrustAnchors = _pki.TrustAnchors,
        MaxAttempts = attempts,
        RetryDelay = TimeSpan.FromMilliseconds(50),
        AttemptTimeout = timeout ?? TimeSpan.FromSeconds(5),
    }, TimeProvider.System);

    public void Dispose()
    {
        _http.Dispose();
        _pki.Dispose();
    }
}
