using System.Security.Cryptography;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Tsp;
using OneThing.Seal.Pki;
using OneThing.Seal.Tests.Pki.Support;

namespace OneThing.Seal.Tests.Pki.Timestamps;

/// <summary>The built-in RFC 3161 authority, judged by OpenSSL.</summary>
public sealed class TimestampAuthorityTests : IDisposable
{
    private readonly ProductPki _pki = ProductPki.CreateInMemory();
    private readonly TempDirectory _dir = new();

    [Fact]
    public void An_openssl_query_gets_a_reply_that_openssl_verifies()
    {
        var data = _dir.WriteBytes("data.bin", RandomNumberGenerator.GetBytes(1000));
        var query = _dir.File("q.tsq");
        ExternalTool.Succeed("openssl", "ts", "-query", "-data", data, "-sha256", "-cert", "-out", query);
        var reply = _dir.WriteBytes("r.tsr", _pki.TimestampAuthority.Respond(File.ReadAllBytes(query)));
        var output = ExternalTool.Succeed("openssl", "ts", "-verify", "-queryfile", query, "-in", reply,
            "-CAfile", _dir.WritePem("root.pem", _pki.RootCa.Certificate), "-untrusted", _dir.WritePem("issuing.pem", _pki.IssuingCa.Certificate));
        Assert.Contains("Verification: OK", output);
        var text = ExternalTool.Succeed("openssl", "ts", "-reply", "-in", reply, "-text");
        Assert.Contains("Status: Granted.", text);
        Assert.Contains(TimestampAuthorityOptions.DefaultPolicyOid, text);
        Assert.Contains("Accuracy: 0x01 seconds", text);
    }

    [Fact]
    public void Tokens_carry_signing_certificate_v2_and_increasing_serials()
    {
        var tokens = Enumerable.Range(0, 5).Select(_ => Token(SHA256.HashData(RandomNumberGenerator.GetBytes(8)))).ToList();
        var serials = tokens.Select(t => t.TimeStampInfo.SerialNumber).ToList();
        for (var i = 1; i < serials.Count; i++)
        {
            Assert.True(serials[i].CompareTo(serials[i - 1]) > 0, "serials must increase");
        }

        Assert.All(tokens, t => Assert.NotNull(t.SignedAttributes[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASigningCertificateV2]));
        Assert.True(tokens.Zip(tokens.Skip(1)).All(p => p.First.TimeStampInfo.GenTime <= p.Second.TimeStampInfo.GenTime));
    }

    [Fact]
    public void Garbage_gets_a_rejection_with_bad_data_format()
    {
        var response = new TimeStampResponse(_pki.TimestampAuthority.Respond("not a request"u8));
        Assert.Equal(2, response.Status);
        Assert.Equal(Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.BadDataFormat, response.GetFailInfo().IntValue);
    }

    [Fact]
    public void A_sha1_imprint_is_rejected_with_bad_alg()
    {
        var data = _dir.WriteBytes("data.bin", [1, 2, 3]);
        var query = _dir.File("q.tsq");
        ExternalTool.Succeed("openssl", "ts", "-query", "-data", data, "-sha1", "-cert", "-out", query);
        var reply = _dir.WriteBytes("r.tsr", _pki.TimestampAuthority.Respond(File.ReadAllBytes(query)));
        var text = ExternalTool.Succeed("openssl", "ts", "-reply", "-in", reply, "-text");
        Assert.Contains("Status: Rejected", text);
        Assert.Contains("unrecognized or unsupported algorithm", text);
    }

    [Fact]
    public void A_request_for_another_policy_is_rejected()
    {
        var request = new TimeStampRequestGenerator();
        request.SetReqPolicy(new Org.BouncyCastle.Asn1.DerObjectIdentifier("1.2.3.4"));
        var response = _pki.TimestampAuthority.Respond(request.Generate(TspAlgorithms.Sha256, new byte[32]));
        Assert.Equal(2, response.Status);
        Assert.Equal(Org.BouncyCastle.Asn1.Cmp.PkiFailureInfo.UnacceptedPolicy, response.GetFailInfo().IntValue);
    }

    [Fact]
    public async Task The_in_process_client_returns_a_checked_token_for_the_imprint()
    {
        var imprint = SHA256.HashData("contract"u8);
        var token = await _pki.TimestampClient.GetTokenAsync(imprint, CancellationToken.None);
        Assert.Equal(imprint, token.TimeStampInfo.GetMessageImprintDigest());
        Assert.NotNull(token.TimeStampInfo.Nonce);
        token.Validate(_pki.TimestampAuthorityKey.Certificate);
    }

    [Fact]
    public async Task The_in_process_client_refuses_a_wrong_sized_imprint() =>
        await Assert.ThrowsAsync<TimestampUnavailableException>(() => _pki.TimestampClient.GetTokenAsync(new byte[20], CancellationToken.None));

    private TimeStampToken Token(byte[] imprint) =>
        _pki.TimestampAuthority.Respond(TimestampRequestFactory.Create(imprint)).TimeStampToken;

    public void Dispose()
    {
        _pki.Dispose();
        _dir.Dispose();
    }
}
