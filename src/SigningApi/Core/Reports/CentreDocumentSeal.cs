using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;

namespace OneThing.SigningApi.Core.Reports;

/// <summary>
/// Seals a report the service draws itself (the evidence report, the 验签报告) with a centre's seal, every
/// field locked, and takes it to B-LTA like the contracts, so it verifies on its own years later. The seal,
/// timestamps and revocation data come from the PKI family of that centre (international or SM2).
/// </summary>
public sealed class CentreDocumentSeal(CentrePkis pkis, CentreDirectory centres)
{
    public async Task<byte[]> SealAsync(byte[] pdf, string centreCode, string fieldName, string reason, CancellationToken ct)
    {
        // The centre that scopes the document, as configured: never a name taken from a case's JSON.
        var centreName = centres.RequireNameOf(centreCode);
        var family = pkis.For(centreCode);
        var seal = family.Pki.Seals.FirstOrDefault(s => s.CentreName == centreName)
            ?? throw new InvalidOperationException($"no seal key is provisioned for {centreName}; the report cannot be sealed");
        var signed = await family.Signer.SignAsync(pdf, new SignatureRequest
        {
            FieldName = fieldName,
            Key = seal.Key,
            SignerName = seal.CentreName,
            Reason = reason,
            Location = centreCode,
            LockAllFields = true,
        }, ct);
        return await new LongTermValidation(family.Revocation, family.Timestamps, family.Pki.DigestAlgorithm)
            .ExtendAsync(signed, family.Pki.LongTermValidationCertificates, ct);
    }
}
