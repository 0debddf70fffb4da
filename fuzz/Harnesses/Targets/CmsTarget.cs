using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Timestamps;
using OneThing.Seal.Verification.Trust;
using Microsoft.Extensions.Options;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>cms</c>: a signature's /Contents or an RFC 3161 token as the verifier reads it. Properties:
/// <see cref="CmsSignedDataReader.Read"/> and <see cref="TstInfoReader.Read"/> fail only with their
/// documented <see cref="FormatException"/>; the timestamp-token check answers every input with an
/// outcome (never an exception), and an outcome for a token that cannot be read is not valid.
/// </summary>
public sealed class CmsTarget : IFuzzTarget
{
    public const string HarnessName = "cms";

    private const string TstInfoContentType = "1.2.840.113549.1.9.16.1.4";

    private readonly TimestampTokenVerifier _tokens;

    public CmsTarget()
    {
        var options = Options.Create(new VerificationOptions { SignatureCacheSize = 0 });
        var cache = new SignatureCheckCache(options);
        _tokens = new TimestampTokenVerifier(new CertificatePathBuilder(cache, options), new RevocationChecker(cache, options), cache, new ParsedObjectCache(options));
    }

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented => ["OneThing.Seal.Crypto.dll", "OneThing.Seal.Verification.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        SignedDataParts? parts;
        try
        {
            parts = CmsSignedDataReader.Read(data);
        }
        catch (FormatException)
        {
            parts = null;
        }
        if (parts is { EncapsulatedContentType: TstInfoContentType, EncapsulatedContent: { } content })
        {
            try
            {
                _ = TstInfoReader.Read(content);
            }
            catch (FormatException)
            {
            }
        }
        var outcome = _tokens.VerifyAsync(data, _ => new byte[32], CheckKind.SignatureTimestamp, "the fuzzed data", new ValidationMaterial(), TrustAnchors.None, null, CancellationToken.None)
            .GetAwaiter().GetResult();
        if (parts is null && outcome.IsValid)
        {
            throw new PropertyViolationException("a token the CMS reader refuses was reported valid");
        }
    }
}
