using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>
/// The built-in RFC 3161 timestamp authority: TimeStampReq DER in, TimeStampResp DER out.
/// Tokens carry ESS signing-certificate-v2 (SHA-256; SM3 for an SM2 TSA), millisecond genTime with the configured
/// accuracy and a unique, increasing serial. Bad requests get a rejection with a PKIFailureInfo
/// (badDataFormat, badAlg, unacceptedPolicy, unacceptedExtension) rather than an exception.
/// </summary>
public sealed class TimestampAuthority
{
    // Weak digests (MD5, SHA-1, RIPEMD) are refused: a 30-year record needs collision resistance.
    private static readonly IList<string> AcceptedAlgorithms =
        [TspAlgorithms.Sha256, TspAlgorithms.Sha384, TspAlgorithms.Sha512, TspAlgorithms.Sha3_256, TspAlgorithms.Sha3_384, TspAlgorithms.Sha3_512, TspAlgorithms.SM3];

    private readonly CertifiedSigningKey _key;
    private readonly TimestampAuthorityOptions _options;
    private readonly SignerInfoGenerator _signerInfoGenerator;
    private readonly DerObjectIdentifier _essCertificateDigest;
    private readonly IStore<X509Certificate> _certificates;
    private readonly TimestampSerialNumbers _serials;
    private readonly MonotonicClock _clock;

    public TimestampAuthority(CertifiedSigningKey key, TimestampAuthorityOptions options, TimeProvider clock)
    {
        TspUtil.ValidateCertificate(key.Certificate); // critical timeStamping EKU, or refuse to run
        _key = key;
        _options = options;
        _signerInfoGenerator = new SignerInfoGeneratorBuilder().Build(new PrivateKeySignatureFactory(key.PrivateKey), key.Certificate);
        // An SM2 TSA identifies its certificate by SM3 too, keeping the token to the national algorithms.
        _essCertificateDigest = key.PrivateKey.Algorithm == KeyAlgorithm.Sm2 ? GMObjectIdentifiers.sm3 : NistObjectIdentifiers.IdSha256;
        _certificates = CollectionUtilities.CreateStore(new[] { key.Certificate }.Concat(key.Chain).ToList());
        _serials = new TimestampSerialNumbers(clock);
        _clock = new MonotonicClock(clock);
    }

    public X509Certificate Certificate => _key.Certificate;

    /// <summary>The TSA certificate's issuers up to the root.</summary>
    public IReadOnlyList<X509Certificate> Chain => _key.Chain;

    public string PolicyOid => _options.PolicyOid;

    /// <summary>Answers a DER TimeStampReq; never throws for bad input.</summary>
    public byte[] Respond(ReadOnlySpan<byte> requestDer)
    {
        TimeStampRequest request;
        try
        {
            request = new TimeStampRequest(requestDer.ToArray());
            _ = request.MessageImprintDigest;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or InvalidOperationException or Asn1Exception or NullReferenceException)
        {
            return Reject(PkiFailureInfo.BadDataFormat, "The request is not a DER-encoded RFC 3161 TimeStampReq.").GetEncoded();
        }

        return Respond(request).GetEncoded();
    }

    public TimeStampResponse Respond(TimeStampRequest request)
    {
        var tokenGenerator = new TimeStampTokenGenerator(
            _signerInfoGenerator, Asn1DigestFactory.Get(_essCertificateDigest), new DerObjectIdentifier(_options.PolicyOid), true)
        {
            Resolution = Resolution.R_MILLISECONDS,
        };
        // RFC 3161 Accuracy splits into seconds and 1..999 millis fields.
        if (_options.AccuracyMillis / 1000 > 0)
        {
            tokenGenerator.SetAccuracySeconds(_options.AccuracyMillis / 1000);
        }

        if (_options.AccuracyMillis % 1000 > 0)
        {
            tokenGenerator.SetAccuracyMillis(_options.AccuracyMillis % 1000);
        }

        // genTime is monotonic but at millisecond resolution two tokens can share it, so ordering is not claimed;
        // the serial number orders tokens of this TSA.
        tokenGenerator.SetOrdering(false);
        tokenGenerator.SetTsa(new GeneralName(_key.Certificate.SubjectDN));
        tokenGenerator.SetCertificates(_certificates);

        var responseGenerator = new TimeStampResponseGenerator(tokenGenerator, AcceptedAlgorithms, [_options.PolicyOid], []);
        try
        {
            return responseGenerator.Generate(request, _serials.Next(), _clock.UtcNow());
        }
        catch (TspException)
        {
            return Reject(PkiFailureInfo.SystemFailure, "The timestamp authority could not create a token.");
        }
    }

    private TimeStampResponse Reject(int failure, string text) =>
        new TimeStampResponseGenerator(
            new TimeStampTokenGenerator(_signerInfoGenerator, Asn1DigestFactory.Get(_essCertificateDigest), new DerObjectIdentifier(_options.PolicyOid), true),
            AcceptedAlgorithms).GenerateFailResponse(PkiStatus.Rejection, failure, text);
}
