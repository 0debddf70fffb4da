using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Verification.Cms;
using OneThing.Seal.Verification.Document;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Revisions;
using OneThing.Seal.Verification.Timestamps;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification;

/// <summary>
/// Verifies every signature and document timestamp of a PDF and every revision made after a
/// signature, producing a <see cref="VerificationReport"/>. Never throws on bad input: unreadable
/// or hostile files become an <see cref="Verdict.Unreadable"/> report, bounded in time and memory.
/// </summary>
public sealed class PdfSignatureVerifier(
    SignatureValidator signatures,
    RevisionAnalyzer revisions,
    ParsedObjectCache parsed,
    IOptions<VerificationOptions> options,
    TimeProvider time,
    ILogger<PdfSignatureVerifier> logger,
    IRevocationFetcher? onlineFetcher = null)
{
    private readonly VerificationOptions _options = options.Value;

    /// <summary>A verifier wired without a DI container (CLI, tests, benchmarks).</summary>
    public static PdfSignatureVerifier Create(VerificationOptions? settings = null, HttpClient? http = null, ILoggerFactory? loggers = null)
    {
        var opts = Options.Create(settings ?? new VerificationOptions());
        var validation = new VerificationOptionsValidator().Validate(null, opts.Value);
        if (validation.Failed)
        {
            throw new OptionsValidationException(VerificationOptions.Section, typeof(VerificationOptions), validation.Failures);
        }
        loggers ??= NullLoggerFactory.Instance;
        var cache = new SignatureCheckCache(opts);
        var parsed = new ParsedObjectCache(opts);
        var paths = new CertificatePathBuilder(cache, opts);
        var revocation = new RevocationChecker(cache, opts);
        var validator = new SignatureValidator(paths, revocation, new TimestampTokenVerifier(paths, revocation, cache, parsed), cache, parsed, opts);
        var fetcher = http is null ? null : new HttpRevocationFetcher(http, opts, loggers.CreateLogger<HttpRevocationFetcher>());
        return new PdfSignatureVerifier(validator, new RevisionAnalyzer(), parsed, opts, TimeProvider.System, loggers.CreateLogger<PdfSignatureVerifier>(), fetcher);
    }

    public async Task<VerificationReport> VerifyAsync(ReadOnlyMemory<byte> pdf, string fileName, VerificationRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        VerificationReport Unreadable(string why) => new()
        {
            FileName = fileName,
            FileSize = pdf.Length,
            Sha256 = Convert.ToHexString(SHA256.HashData(pdf.Span)),
            VerifiedAt = now,
            Verdict = Verdict.Unreadable,
            Problems = [why],
        };

        if (pdf.Length > _options.MaxFileBytes)
        {
            return Unreadable($"the file is larger than the {_options.MaxFileBytes}-byte limit");
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.MaxDuration);
        try
        {
            // Runs on the caller's thread (a hop to another pool thread per verification cost ~10 % of the CPU
            // in wake-ups and spinning); the budget still ends work on hostile input, because the reader checks
            // it before every object it parses or stream it decodes, and the verifier between signatures and revisions.
            return await VerifyCoreAsync(pdf, fileName, now, request, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Verification of {File} exceeded its {Budget} budget", fileName, _options.MaxDuration);
            return Unreadable($"verification did not finish within {_options.MaxDuration.TotalSeconds:0} s (hostile or broken file)");
        }
        catch (PdfFormatException e)
        {
            return Unreadable($"not a readable PDF: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The reader faces hostile input: any failure inside it means "not readable", never a crash.
            logger.LogWarning(e, "Unexpected failure while reading {File}", fileName);
            return Unreadable($"not a readable PDF: {e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<VerificationReport> VerifyCoreAsync(ReadOnlyMemory<byte> pdf, string fileName, DateTimeOffset now, VerificationRequest request, CancellationToken cancellationToken)
    {
        var limits = PdfReaderLimits.Default with { MaxDecodedStreamLength = (int)Math.Min(64L * 1024 * 1024, Math.Max(1, _options.MaxFileBytes)) };
        var document = PdfDocumentReader.Open(pdf, limits, cancellationToken);
        var problems = new List<string>();
        string? sha256 = null;
        if (document.IsEncrypted)
        {
            return Report(Verdict.Invalid, ["the document is encrypted; encrypted PDFs are not verified"], [], []);
        }
        var entries = SignatureEntryReader.Read(document);
        if (entries.Count > _options.MaxSignatures)
        {
            return Report(Verdict.Unreadable, [$"more than {_options.MaxSignatures} signature fields (hostile file?)"], [], []);
        }
        var digests = SignedRangeDigests.Compute(pdf.Span, entries.Select(e => e.ByteRange));
        sha256 = Convert.ToHexString(digests.FileSha256);
        var material = new ValidationMaterial();
        var dssNotes = DssReader.Load(document, material, parsed);
        var context = new VerificationContext(pdf, document, material, request.Anchors, FetcherFor(request), now, DssRevision(document), digests);

        // Document timestamps first: a valid one proves when the signatures before it existed.
        var results = new Dictionary<SignatureEntry, SignatureResult>();
        foreach (var entry in entries.Where(e => e.IsDocumentTimestamp))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = await signatures.ValidateDocumentTimestampAsync(entry, context, cancellationToken);
            results[entry] = result;
            if (result.IsValid && result.Revision is { } r)
            {
                context.DocumentTimestampRevisions.Add(r);
            }
        }
        foreach (var entry in entries.Where(e => !e.IsDocumentTimestamp))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var own = context.RevisionEndingAt(entry.ByteRange is { Count: 4 } br ? br[2] + br[3] : -1);
            var coveringTimestamp = results.Values
                .Where(d => d.Kind == SignatureKind.DocumentTimestamp && d.IsValid && d.Revision > own && own is not null)
                .Select(d => d.TimestampedTime).Min();
            results[entry] = await signatures.ValidateSignatureAsync(entry, context, coveringTimestamp, cancellationToken);
        }
        var ordered = entries.Select(e => results[e]).OrderBy(r => r.Revision ?? int.MaxValue).ToArray();

        var signedRevisions = entries
            .Select(e => (Entry: e, Result: results[e]))
            .Where(x => x.Result.Revision is not null)
            .Select(x => new SignedRevision(x.Entry.FieldName, x.Result.Revision!.Value, x.Entry.DocMdpPermission, x.Entry.Lock))
            .ToArray();
        var revisionResults = revisions.Analyze(document, signedRevisions, cancellationToken);

        problems.AddRange(SignatureEntryReader.SharedValues(entries));
        if (entries.Count == 0)
        {
            problems.Add("the document has no signatures / 文档没有签名");
        }
        foreach (var signature in ordered.Where(s => !s.IsValid))
        {
            // Name the most serious reason: a failure before an open question, the signature's own checks before its timestamp's.
            var all = signature.Checks.Concat(signature.Timestamp?.Checks ?? []).Where(c => !c.IsAcceptable).ToArray();
            var reason = all.FirstOrDefault(c => c.Status == CheckStatus.Failed) ?? all[0];
            problems.Add($"'{signature.FieldName}': {reason.Kind}: {reason.Detail}");
        }
        foreach (var revision in revisionResults.Where(r => r.Classification == ChangeClass.Disallowed))
        {
            var first = revision.Changes.First(c => !c.Allowed);
            problems.Add($"revision {revision.Index} makes changes after signing that no signature permits: {first.Object}: {first.Reason}");
        }
        var lastEnd = document.Revisions[^1].EndOffset;
        if (lastEnd < pdf.Length && pdf.Span[(int)lastEnd..].IndexOfAnyExcept(" \t\r\n\0"u8) >= 0)
        {
            problems.Add($"{pdf.Length - lastEnd} bytes after the last %%EOF belong to no revision (appended or truncated data)");
        }
        foreach (var note in dssNotes)
        {
            logger.LogInformation("{File}: {Note}", fileName, note);
        }
        var docMdp = entries.Select(e => e.DocMdpPermission).FirstOrDefault(p => p is not null)
            ?? ReadCatalogDocMdp(document, entries);
        return Report(problems.Count == 0 ? Verdict.Valid : Verdict.Invalid, problems, ordered, revisionResults, docMdp);

        VerificationReport Report(Verdict verdict, IReadOnlyList<string> why, IReadOnlyList<SignatureResult> signed, IReadOnlyList<RevisionResult> revised, int? p = null) => new()
        {
            FileName = fileName,
            FileSize = pdf.Length,
            Sha256 = sha256 ?? Convert.ToHexString(SHA256.HashData(pdf.Span)),
            VerifiedAt = now,
            Verdict = verdict,
            DocMdpPermission = p,
            Signatures = signed,
            Revisions = revised,
            Problems = why,
        };
    }

    /// <summary>Where revocation evidence missing from the document comes from: the relying party's own, then (if allowed) the network.</summary>
    private IRevocationFetcher? FetcherFor(VerificationRequest request)
    {
        var online = request.Online ? onlineFetcher : null;
        return request.OwnEvidence is { } own
            ? online is null ? own : new ChainedRevocationFetcher(own, online)
            : online;
    }

    /// <summary>The latest revision that wrote the DSS dictionary (or the catalog holding it directly).</summary>
    private static int? DssRevision(PdfDocumentReader document)
    {
        var dssValue = document.Catalog["DSS"];
        if (dssValue is null)
        {
            return null;
        }
        var number = dssValue is PdfReference r ? r.Number : document.RootReference.Number;
        for (var i = document.Revisions.Count - 1; i >= 0; i--)
        {
            if (document.Revisions[i].Entries.ContainsKey(number))
            {
                return i;
            }
        }
        return null;
    }

    private static int? ReadCatalogDocMdp(PdfDocumentReader document, IReadOnlyList<SignatureEntry> entries)
    {
        var perms = document.Resolve<PdfDictionary>(document.Catalog["Perms"]);
        if (perms?["DocMDP"] is not PdfReference docMdp)
        {
            return null;
        }
        return entries.FirstOrDefault(e => docMdp.Equals(e.DictionaryReference))?.DocMdpPermission;
    }
}
