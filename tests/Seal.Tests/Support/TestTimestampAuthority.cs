using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Support;

/// <summary>An in-process RFC 3161 authority for tests; <see cref="Fail"/> makes it refuse like an unreachable TSA.</summary>
public sealed class TestTimestampAuthority : ITimestampClient
{
    private readonly TimeStampTokenGenerator _generator;
    private long _serial;

    public TestTimestampAuthority(X509Certificate certificate, X509Certificate root, AsymmetricKeyParameter key)
    {
        Certificate = certificate;
        var signerInfo = new SignerInfoGeneratorBuilder().Build(new Asn1SignatureFactory("SHA256WITHECDSA", key), certificate);
        _generator = new TimeStampTokenGenerator(signerInfo, Asn1DigestFactory.Get(NistObjectIdentifiers.IdSha256), new Org.BouncyCastle.Asn1.DerObjectIdentifier("1.2.3.4.1"), true);
        _generator.SetCertificates(CollectionUtilities.CreateStore(new[] { certificate }));
        _ = root;
    }

    public X509Certificate Certificate { get; }
    public bool Fail { get; set; }

    public Task<TimeStampToken> GetTokenAsync(byte[] sha256Imprint, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new TimestampUnavailableException("test TSA is down");
        }
        var requestGenerator = new TimeStampRequestGenerator();
        requestGenerator.SetCertReq(true);
        var request = requestGenerator.Generate(TspAlgorithms.Sha256, sha256Imprint, BigInteger.ValueOf(Interlocked.Increment(ref _serial)));
        var response = new TimeStampResponseGenerator(_generator, TspAlgorithms.Allowed).Generate(request, BigInteger.ValueOf(Interlocked.Increment(ref _serial)), DateTime.UtcNow);
        return Task.FromResult(response.TimeStampToken);
    }
}

