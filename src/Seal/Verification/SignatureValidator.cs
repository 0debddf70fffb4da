using OneThing.Seal.Crypto.Algorithms;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.ElectronicSeals;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Document;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Timestamps;
using OneThing.Seal.Verification.Trust;
using Microsoft.Extensions.Options;

namespace OneThing.Seal.Verification;

/// <summary>Checks one signature or document timestamp of a PDF and fills its <see cref="SignatureResult"/>.</summary>
public sealed class SignatureValidator(CertificatePathBuilder paths, RevocationChecker revocation, TimestampTokenVerifier timestamps, SignatureCheckCache cache, ParsedObjectCache parsed, IOptions<VerificationOptions> options)
{
    private const string DataContentType = "1.2.840.113549.1.7.1";
    private const string SignatureTimeStampTokenOid = "1.2.840.113549.1.9.16.2.14";
    private static readonly HashSet<string> SupportedSubFilters = ["adbe.pkcs7.detached", "ETSI.CAdES.detached"];
    private readonly TimeSpan _skew = options.Value.ClockSkew;

    /// <summary>A document timestamp (ETSI.RFC3161): the token's imprint must be the hash of the signed byte ranges.</summary>
    internal async Task<SignatureResult> ValidateDocumentTimestampAsync(SignatureEntry entry, VerificationContext context, CancellationToken cancellationToken)
    {
        var (frame, checks) = Frame(entry, context);
        if (checks[0].Status != CheckStatus.Passed)
        {
            return frame with { Checks = [.. checks, CheckResult.Fail(CheckKind.DocumentTimestamp, "not checked: the byte range is not sound")] };
        }
        SignedDataParts token;
        try
        {
            token = CmsContents.Parse(entry.Contents!);
        }
        catch (FormatException e)
        {
            return frame with { Checks = [.. checks, CheckResult.Fail(CheckKind.DocumentTimestamp, e.Message)] };
        }
        var outcome = await timestamps.VerifyAsync(token, hash => context.DigestOf(entry.ByteRange!, hash),
            CheckKind.DocumentTimestamp, "the signed byte ranges", context.Material, context.Anchors, context.Fetcher, cancellationToken);
        return frame with
        {
            Checks = [.. checks, .. outcome.Result.Checks],
            Signer = outcome.Result.Authority,
            Chain = outcome.Result.Chain,
            DigestAlgorithm = outcome.Result.ImprintAlgorithm,
            TimestampedTime = outcome.Result.GenTime,
            Timestamp = outcome.Result,
        };
    }

    /// <summary>A CMS signature (adbe.pkcs7.detached or ETSI.CAdES.detached).</summary>
    /// <param name="laterDocumentTimestamp">Time of the earliest valid document timestamp covering this signature, if any.</param>
    internal async Task<SignatureResult> ValidateSignatureAsync(SignatureEntry entry, VerificationContext context, DateTimeOffset? laterDocumentTimestamp, CancellationToken cancellationToken)
    {
        var (frame, checks) = Frame(entry, context);
        if (entry.SubFilter is null || !SupportedSubFilters.Contains(entry.SubFilter))
        {
            checks.Add(CheckResult.Unknown(CheckKind.CmsSignature, $"sub-filter {entry.SubFilter ?? "(none)"} is not supported (adbe.pkcs7.detached, ETSI.CAdES.detached)"));
            return frame with { Checks = checks };
        }
        if (checks[0].Status != CheckStatus.Passed)
        {
            checks.Add(CheckResult.Fail(CheckKind.Integrity, "not checked: the byte range is not sound"));
            return frame with { Checks = checks };
        }
        SignerInfoParts signer;
        List<Org.BouncyCastle.X509.X509Certificate> cmsCertificates;
        try
        {
            var cms = CmsContents.Parse(entry.Contents!);
            if (cms.Signers.Count != 1)
            {
                throw new FormatException($"the CMS has {cms.Signers.Count} signers, a PDF signature has exactly one");
            }
            signer = cms.Signers[0];
            cmsCertificates = cms.Certificates.Select(c => parsed.Certificate(c.Span)).ToList();
        }
        catch (FormatException e)
        {
            checks.Add(CheckResult.Fail(CheckKind.CmsSignature, e.Message));
            return frame with { Checks = checks };
        }

        context.Material.AddCertificates(cmsCertificates);
        var outcome = SignerInfoVerifier.Verify(signer, context.Material.Certificates,
            hash => context.DigestOf(entry.ByteRange!, hash), DataContentType, cache);
        checks.Add(outcome.Integrity);
        checks.Add(outcome.Signature);
        checks.Add(outcome.CertificateBinding);

        // Signature timestamp (unsigned attribute id-aa-signatureTimeStampToken): imprint = hash of the signature value.
        TimestampResult? timestamp = null;
        var tokenAttribute = signer.Unsigned(SignatureTimeStampTokenOid);
        if (tokenAttribute is not null && tokenAttribute.Values.Count > 0)
        {
            var signatureValue = signer.Signature;
            var tokenOutcome = await timestamps.VerifyAsync(tokenAttribute.Values[0],
                hash => DigestAlgorithms.Hash(hash, signatureValue), CheckKind.SignatureTimestamp, "the signature value",
                context.Material, context.Anchors, context.Fetcher, cancellationToken);
            timestamp = tokenOutcome.Result;
        }
        var signatureTimestampTime = timestamp is { IsValid: true } ? timestamp.GenTime : null;
        var provenAt = signatureTimestampTime ?? laterDocumentTimestamp;
        var validationTime = provenAt ?? context.Now;

        var claimed = outcome.SigningTimeAttribute ?? entry.ClaimedTime;

        var signerCertificate = outcome.SignerCertificate;
        CertificatePath? path = null;
        if (signerCertificate is null)
        {
            checks.Add(CheckResult.Fail(CheckKind.CertificateChain, "the signer's certificate is not in the CMS"));
        }
        else
        {
            path = paths.Build(signerCertificate, context.Material.Certificates, context.Anchors, validationTime);
            var keyUsage = cache.Facts.Of(signerCertificate).KeyUsage;
            checks.Add(keyUsage is not null && !keyUsage[0] && !keyUsage[1]
                ? CheckResult.Fail(CheckKind.CertificateChain, "the signer's certificate may not sign documents (keyUsage lacks digitalSignature and nonRepudiation)")
                : path.Check);
            checks.Add(path.IsTrusted
                ? await revocation.CheckPathAsync(path, validationTime, provenAt is not null, context.Material, context.Fetcher, cancellationToken)
                : CheckResult.Unknown(CheckKind.Revocation, "not checked: no trusted certificate path"));
        }
        checks.Add(CheckClaimedTime(claimed, signatureTimestampTime, laterDocumentTimestamp, timestamp));

        ElectronicSealResult? electronicSeal = null;
        if (ElectronicSealValidator.IsPresent(entry.Dictionary))
        {
            var (sealChecks, seal) = ElectronicSealValidator.Check(context.File.Span, entry.ByteRange!, entry.Dictionary[PdfSealSignature.Key] as PdfString,
                signerCertificate, maker => paths.Build(maker, context.Material.Certificates, context.Anchors, validationTime),
                certificate => cache.Facts.Of(certificate).Info, validationTime);
            checks.AddRange(sealChecks);
            electronicSeal = seal;
        }

        var result = frame with
        {
            Checks = checks,
            Signer = signerCertificate is null ? null : cache.Facts.Of(signerCertificate).Info,
            Chain = cache.Facts.IssuersInfo(path),
            DigestAlgorithm = DigestAlgorithms.Name(outcome.DigestAlgorithmOid),
            SignatureAlgorithm = outcome.SignatureAlgorithm.DisplayName,
            ClaimedTime = claimed,
            TimestampedTime = signatureTimestampTime,
            Timestamp = timestamp,
            ElectronicSeal = electronicSeal,
        };
        return result with { Level = PadesLevelEvaluator.Evaluate(result, outcome, laterDocumentTimestamp, context) };
    }

    private CheckResult CheckClaimedTime(DateTimeOffset? claimed, DateTimeOffset? timestamped, DateTimeOffset? documentTimestamp, TimestampResult? token)
    {
        if (timestamped is { } proven)
        {
            if (claimed is { } c && c > proven + _skew)
            {
                return CheckResult.Fail(CheckKind.SigningTime, $"the claimed signing time {c:u} is after the timestamp {proven:u}");
            }
            return CheckResult.Pass(CheckKind.SigningTime, $"signed no later than {proven:u} (timestamp)" + (claimed is { } cl ? $"; claimed {cl:u}" : ""));
        }
        if (token is not null)
        {
            return CheckResult.Unknown(CheckKind.SigningTime, "the signature timestamp is not valid or not trusted, so the signing time is not proven");
        }
        if (documentTimestamp is { } doc)
        {
            return CheckResult.Pass(CheckKind.SigningTime, $"signed no later than {doc:u} (a later document timestamp)");
        }
        return CheckResult.Skip(CheckKind.SigningTime, claimed is { } only
            ? $"no timestamp: the claimed time {only:u} is the signer's own statement"
            : "no timestamp and no claimed time");
    }

    /// <summary>Byte range, revision and coverage: the frame shared by signatures and document timestamps.</summary>
    private static (SignatureResult Frame, List<CheckResult> Checks) Frame(SignatureEntry entry, VerificationContext context)
    {
        var checks = new List<CheckResult> { ByteRangeCheck.Check(context.File.Span, entry.ByteRange, entry.Contents) };
        var range = entry.ByteRange ?? [];
        int? revision = null;
        var whole = false;
        if (checks[0].Status == CheckStatus.Passed)
        {
            var end = range[2] + range[3];
            revision = context.RevisionEndingAt(end);
            whole = revision == context.Document.Revisions.Count - 1 && context.RevisionEndingAt(context.File.Length) == revision;
            checks.Add(revision switch
            {
                null => CheckResult.Fail(CheckKind.Coverage, $"the signed bytes end at {end}, which is not the end of any revision"),
                _ when whole => CheckResult.Pass(CheckKind.Coverage, "covers the whole file"),
                { } r => CheckResult.Pass(CheckKind.Coverage,
                    $"covers revision {r} of {context.Document.Revisions.Count - 1}; the {context.Document.Revisions.Count - 1 - r} later revision(s) are judged under changes after signing"),
            });
        }
        var frame = new SignatureResult
        {
            FieldName = entry.FieldName,
            Kind = entry.IsDocumentTimestamp ? SignatureKind.DocumentTimestamp : SignatureKind.Signature,
            SubFilter = entry.SubFilter,
            Revision = revision,
            ByteRange = range,
            CoversWholeFile = whole,
            ClaimedTime = entry.ClaimedTime,
            Checks = checks,
        };
        return (frame, checks);
    }
}
