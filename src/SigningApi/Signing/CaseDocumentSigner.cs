using OneThing.Seal.Pki;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Timestamps;
using OneThing.SigningApi.Documents;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Signing;

/// <summary>
/// Applies one signature (one field, one key) to every document of a case: read the current
/// revision (integrity-checked), append a PAdES signature as an incremental update, stage the new
/// revision. Nothing commits here: the caller saves the case change and the revisions together.
/// </summary>
public sealed class CaseDocumentSigner(PadesSigner signer, CaseDocumentFiles files, ProductPki pki, IRevocationSource revocation, ITimestampClient timestamps)
{
    public async Task<IReadOnlyList<SignedDocumentView>> SignAllAsync(
        SigningCase signingCase, string fieldName, ISigningKey key, string signerName, string reason,
        ISignatureAppearance? appearance, bool sealAtLta, CancellationToken ct)
    {
        var results = new List<SignedDocumentView>();
        foreach (var document in signingCase.Documents.OrderBy(d => d.Kind, StringComparer.Ordinal))
        {
            var current = await files.ReadCurrentAsync(signingCase, document, ct);
            var signed = await signer.SignAsync(current, new SignatureRequest
            {
                FieldName = fieldName,
                Key = key,
                SignerName = signerName,
                Reason = reason,
                Location = signingCase.CentreCode,
                Appearance = appearance,
                LockAllFields = sealAtLta,
            }, ct);
            if (sealAtLta)
            {
                // B-LTA: validation data for every signature in a DSS, then a document timestamp over it all.
                signed = await new LongTermValidation(revocation, timestamps)
                    .ExtendAsync(signed, [.. pki.IssuingCa.Chain, pki.TimestampAuthorityKey.Certificate, .. pki.TimestampAuthorityKey.Chain], ct);
            }
            await files.StageNextRevisionAsync(signingCase, document, signed, ct);
            results.Add(new SignedDocumentView(document.Kind, document.Revision, document.Sha256, key.Certificate.SerialNumber.ToString(16)));
        }
        return results;
    }
}
