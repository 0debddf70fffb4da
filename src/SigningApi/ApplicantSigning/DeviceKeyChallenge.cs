using System.Security.Cryptography;
using System.Text;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Core.Security;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;

namespace OneThing.SigningApi.ApplicantSigning;

/// <summary>A server challenge for proof of possession of the device key, and until when it may be signed.</summary>
public sealed record DeviceKeyChallengeView(string Challenge, DateTimeOffset ExpiresAt);

/// <summary>
/// Proof of possession before a certificate binds an applicant's name and ID number to a device key:
/// the device signs a server challenge with that key. The challenge is stateless (an HMAC over case,
/// party, access session, expiry and a nonce, under a key derived from the applicant-token key that
/// every instance shares), so any instance can check it and nothing is stored per request.
/// </summary>
public sealed class DeviceKeyChallenges(ApplicantTokenIssuer tokens, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    // Derived on first use, as the token key itself is read from the shared database only when first needed.
    private readonly Lazy<byte[]> _key = new(() => HMACSHA256.HashData(((Microsoft.IdentityModel.Tokens.SymmetricSecurityKey)tokens.Key).Key, "onething device-key challenge v1"u8));

    public DeviceKeyChallengeView Issue(Guid caseId, Guid partyId, string session)
    {
        var expires = time.GetUtcNow() + Lifetime;
        var nonce = Base64Url(RandomNumberGenerator.GetBytes(16));
        var body = $"v1.{expires.ToUnixTimeSeconds()}.{nonce}";
        return new DeviceKeyChallengeView($"{body}.{Mac(caseId, partyId, session, body)}", expires);
    }

    /// <summary>Checks the challenge was issued to this party's session and is unexpired, and that <paramref name="proof"/> is the device key's signature over it.</summary>
    /// <exception cref="ApiProblemException">400 <c>invalid-proof-of-possession</c> otherwise.</exception>
    public void Verify(Guid caseId, Guid partyId, string session, AsymmetricKeyParameter devicePublicKey, string? challenge, string? proof)
    {
        var parts = (challenge ?? "").Split('.');
        if (parts.Length != 4 || parts[0] != "v1" || !long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var expiry))
            throw Refused("the challenge is missing or malformed; get one from signing/challenge");
        var body = string.Join('.', parts[..3]);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[3]), Encoding.ASCII.GetBytes(Mac(caseId, partyId, session, body))))
            throw Refused("the challenge was not issued to this party's session");
        if (time.GetUtcNow() > DateTimeOffset.FromUnixTimeSeconds(expiry))
            throw Refused("the challenge has expired; get a new one");
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(proof ?? "");
        }
        catch (FormatException)
        {
            throw Refused("the proof is not base64");
        }
        if (!SignatureVerifies(devicePublicKey, Encoding.ASCII.GetBytes(challenge!), signature))
            throw Refused("the proof is not the device key's signature over the challenge");
    }

    /// <summary>ECDSA with SHA-256 over the challenge's ASCII bytes, as DER or as r‖s (what WebCrypto gives).</summary>
    private static bool SignatureVerifies(AsymmetricKeyParameter key, byte[] data, byte[] signature)
    {
        var verifier = SignerUtilities.GetSigner(signature.Length == 64 ? "SHA-256withPLAIN-ECDSA" : "SHA-256withECDSA");
        verifier.Init(false, key);
        verifier.BlockUpdate(data, 0, data.Length);
        try
        {
            return verifier.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Org.BouncyCastle.Asn1.Asn1Exception or IOException)
        {
            return false;
        }
    }

    private string Mac(Guid caseId, Guid partyId, string session, string body) =>
        Base64Url(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes($"{caseId:N}|{partyId:N}|{session}|{body}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ApiProblemException Refused(string why) =>
        ApiProblemException.BadRequest($"No certificate without proof of possession of the device key: {why}.", "invalid-proof-of-possession");
}
