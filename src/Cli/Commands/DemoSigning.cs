using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Seal.Pki;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Ltv;

namespace OneThing.Cli.Commands;

/// <summary>Signs one rendered document the way a case goes: applicants, loan officer, then the centre seal at B-LTA.</summary>
/// <param name="electronicSeal">A GB/T 38540 seal (SESeal) applied with the centre seal (SM2 family), or null.</param>
internal sealed class DemoSigning(ProductPki pki, IReadOnlyDictionary<string, byte[]> handwriting, byte[]? electronicSeal = null)
{
    private readonly PadesSigner _signer = new(pki.TimestampClient);
    private readonly LongTermValidation _ltv = new(pki.RevocationSource, pki.TimestampClient);

    public async Task<byte[]> SignAsync(ContractCase contractCase, RenderedDocument document, CancellationToken cancellationToken)
    {
        var pdf = document.Pdf;
        var order = new[] { SignatureRoles.Borrower, SignatureRoles.CoBorrower, SignatureRoles.LoanOfficer, SignatureRoles.CentreSeal };
        var sealed_ = false;
        foreach (var field in document.SignatureFields.OrderBy(f => Array.IndexOf(order, f.Role)).ThenBy(f => f.FieldName, StringComparer.Ordinal))
        {
            var request = RequestFor(contractCase, field);
            pdf = await _signer.SignAsync(pdf, request, cancellationToken);
            sealed_ |= field.Role == SignatureRoles.CentreSeal;
        }
        if (sealed_)
        {
            pdf = await _ltv.ExtendAsync(pdf, pki.IssuingCa.Chain, cancellationToken);
        }
        return pdf;
    }

    private SignatureRequest RequestFor(ContractCase contractCase, SignatureFieldSpec field)
    {
        switch (field.Role)
        {
            case SignatureRoles.Borrower:
                return Applicant(field.FieldName, contractCase.Borrower, "borrower", "借款人");
            case SignatureRoles.CoBorrower:
                var index = int.TryParse(field.FieldName.AsSpan("CoBorrower".Length), out var n) ? n - 1 : 0;
                var party = index >= 0 && index < contractCase.CoBorrowers.Count ? contractCase.CoBorrowers[index]
                    : throw new InvalidOperationException($"field {field.FieldName} has no co-borrower in the case");
                return Applicant(field.FieldName, party, "co-borrower", "共同借款人");
            case SignatureRoles.LoanOfficer:
                var officer = pki.Officers[0];
                return new SignatureRequest
                {
                    FieldName = field.FieldName,
                    Key = officer.Key,
                    SignerName = officer.Name,
                    Reason = "经办人审核 Loan officer countersignature",
                    Location = contractCase.Centre.Name,
                    Appearance = new HandwrittenSignatureAppearance(handwriting["loan-officer"], "经办人 " + officer.Name),
                };
            case SignatureRoles.CentreSeal:
                var seal = pki.Seals.FirstOrDefault(s => s.CentreName == contractCase.Centre.Name) ?? pki.Seals[0];
                return new SignatureRequest
                {
                    FieldName = field.FieldName,
                    Key = seal.Key,
                    SignerName = seal.CentreName,
                    Reason = "电子印章 Centre seal",
                    Location = seal.CentreName,
                    LockAllFields = true,
                    Appearance = new CentreSealAppearance(seal.CentreName, seal.SealCode),
                    ElectronicSeal = electronicSeal,
                };
            default:
                throw new InvalidOperationException($"unknown signature role '{field.Role}' of field {field.FieldName}");
        }
    }

    private SignatureRequest Applicant(string fieldName, Party party, string image, string label) => new()
    {
        FieldName = fieldName,
        // The event-certificate model: a short-lived key certified for this applicant after identity checks.
        Key = pki.IssueSignerKey(party.Name, party.IdNumber),
        SignerName = party.Name,
        Reason = label + "签署 Signed by " + image,
        Appearance = new HandwrittenSignatureAppearance(handwriting[image], label + " " + party.Name),
    };
}
