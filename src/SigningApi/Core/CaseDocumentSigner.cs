using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.External;
using OneThing.Seal.Signing.Ltv;
using Org.BouncyCastle.X509;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Telemetry;

namespace OneThing.SigningApi.Core;

/// <summary>
/// Applies one signature (one field, one key) to every document of a case: read the current
/// revision (integrity-checked), append a PAdES signature as an incremental update, stage the new
/// revision. Nothing commits here: the caller saves the case change and the revisions together.
/// Each document signature is a <c>sign</c> span (with the key operation, the timestamp and, for the
/// seal, the <c>ltv</c> extension as children) and is timed and counted by role.
/// </summary>
/// <remarks>Keys, chains, timestamps and revocation data come from the family of the case's centre (<see cref="CentrePkis"/>).</remarks>
public sealed class CaseDocumentSigner(CaseDocumentFiles files, CentrePkis pkis, TimeProvider time)
{
    /// <summary>Two-phase, step 1: a placeholder revision per document for a key held on the signer's device (nothing staged).</summary>
    public async Task<IReadOnlyList<(PreparedDocument Document, PreparedSignature Prepared)>> PrepareAllAsync(
        SigningCase signingCase, string fieldName, X509Certificate certificate, string signerName, string reason,
        ISignatureAppearance? appearance, CancellationToken ct)
    {
        var family = pkis.For(signingCase.CentreCode);
        var external = new ExternalSigner(family.Timestamps, time);
        var results = new List<(PreparedDocument, PreparedSignature)>();
        foreach (var document in signingCase.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal))
        {
            var current = await files.ReadCurrentAsync(signingCase, document, ct);
            using var activity = OneThingActivity.Start("sign-prepare", signingCase.Id, document.Kind);
            var prepared = await external.PrepareAsync(current, new ExternalSignatureRequest
            {
                FieldName = fieldName,
                SignerCertificate = certificate,
                Chain = family.Pki.IssuingCa.Chain,
                SignatureAlgorithm = "SHA256WITHECDSA",
                SignerName = signerName,
                Reason = reason,
                Location = signingCase.CentreCode,
                Appearance = appearance,
            }, ct);
            results.Add((new PreparedDocument(document.Kind, document.Revision, document.Sha256, prepared.State), prepared));
        }
        return results;
    }

    /// <summary>
    /// Two-phase, step 2: embeds each device signature value (checked against the certificate, then
    /// timestamped: B-T) and stages the new revisions. Fails with <see cref="SigningException"/> on a bad value.
    /// </summary>
    public async Task<IReadOnlyList<SignedDocumentView>> CompleteAllAsync(
        CaseTurn turn, SigningCase signingCase, IReadOnlyList<PreparedDocument> prepared, X509Certificate certificate, IReadOnlyDictionary<string, byte[]> values, CancellationToken ct)
    {
        var external = new ExternalSigner(pkis.For(signingCase.CentreCode).Timestamps, time);
        var signedPdfs = new List<(CaseDocument Document, byte[] Pdf)>();
        // Complete every document before staging any, so one bad value leaves nothing written.
        foreach (var p in prepared)
        {
            var document = signingCase.Documents.Single(d => d.Kind == p.Kind);
            var pdf = await MeasuredAsync(SignatureRole.Applicant, signingCase, document, () => external.CompleteAsync(p.State, values[p.Kind], certificate, ct));
            signedPdfs.Add((document, pdf));
        }
        await files.StageNextRevisionsAsync(signingCase, signedPdfs, ct, turn);
        return [.. signedPdfs.Select(s => new SignedDocumentView(s.Document.Kind, s.Document.Revision, s.Document.Sha256, certificate.SerialNumber.ToString(16)))];
    }

    /// <summary>
    /// Signs every document and stages the new revisions. The documents are independent, so they are
    /// signed side by side (key, appearance and timestamp client are safe to share) and written together;
    /// nothing is staged unless all of them succeed.
    /// </summary>
    public async Task<IReadOnlyList<SignedDocumentView>> SignAllAsync(
        CaseTurn turn, SigningCase signingCase, SignatureRole role, string fieldName, ISigningKey key, string signerName, string reason,
        ISignatureAppearance? appearance, bool sealAtLta, CancellationToken ct, byte[]? electronicSeal = null)
    {
        var family = pkis.For(signingCase.CentreCode);
        var documents = signingCase.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal).ToList();
        var instrumentedKey = new InstrumentedSigningKey(key);
        // The documents carry the same signers' certificates: their OCSP responses and CRLs are made once for
        // the whole seal (each costs a database lookup, a count and an OCSP signature), not once per document.
        var evidence = sealAtLta ? new OneAnswerPerCertificate(family.Revocation) : family.Revocation;
        var signed = await Task.WhenAll(documents.Select(async document =>
        {
            var current = await files.ReadCurrentAsync(signingCase, document, ct);
            var pdf = await MeasuredAsync(role, signingCase, document, () => family.Signer.SignAsync(current, new SignatureRequest
            {
                FieldName = fieldName,
                Key = instrumentedKey,
                SignerName = signerName,
                Reason = reason,
                Location = signingCase.CentreCode,
                Appearance = appearance,
                LockAllFields = sealAtLta,
                ElectronicSeal = electronicSeal,
            }, ct));
            if (sealAtLta)
            {
                // B-LTA: validation data for every signature in a DSS, then a document timestamp over it all.
                using var ltv = OneThingActivity.Start("ltv", signingCase.Id, document.Kind);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                pdf = await new LongTermValidation(evidence, family.Timestamps, family.Pki.DigestAlgorithm).ExtendAsync(pdf, family.Pki.LongTermValidationCertificates, ct);
                OneThingMetrics.SignDuration.Record(OneThingMetrics.SecondsSince(started), new KeyValuePair<string, object?>("step", "ltv"));
            }
            return (Document: document, Pdf: pdf);
        }));
        await files.StageNextRevisionsAsync(signingCase, signed, ct, turn);
        if (role == SignatureRole.Seal) OneThingMetrics.Seals.Add(1);
        return [.. signed.Select(s => new SignedDocumentView(s.Document.Kind, s.Document.Revision, s.Document.Sha256, key.Certificate.SerialNumber.ToString(16)))];
    }

    /// <summary>One document signature as a <c>sign</c> span, timed by step and counted by role when it succeeds.</summary>
    private static async Task<byte[]> MeasuredAsync(SignatureRole role, SigningCase signingCase, CaseDocument document, Func<Task<byte[]>> sign)
    {
        using var activity = OneThingActivity.Start("sign", signingCase.Id, document.Kind);
        activity?.SetTag("onething.signature_role", RoleLabel(role));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var pdf = await sign();
            OneThingMetrics.SignDuration.Record(OneThingMetrics.SecondsSince(started), new KeyValuePair<string, object?>("step", StepLabel(role)));
            OneThingMetrics.Signatures.Add(1, new KeyValuePair<string, object?>("role", RoleLabel(role)));
            return pdf;
        }
        catch (Exception e)
        {
            activity.Fail(e);
            throw;
        }
    }

    private static string RoleLabel(SignatureRole role) => role switch
    {
        SignatureRole.Applicant => "applicant",
        SignatureRole.Officer => "officer",
        _ => "seal",
    };

    private static string StepLabel(SignatureRole role) => role switch
    {
        SignatureRole.Applicant => "applicant",
        SignatureRole.Officer => "countersign",
        _ => "seal",
    };
}
