using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.Ltv;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>
/// The product's own contracts at two moments: signed by the borrower only (the certification, DocMDP P=2), and
/// sealed — borrower, co-borrower, officer and the centre seal (all fields locked, P=1), extended to B-LTA (DSS and a
/// document timestamp) — valid offline from its DSS.
/// </summary>
public sealed class SealedContractFixture : IAsyncLifetime
{
    private readonly ServedPki _served = new();

    public byte[] BorrowerSigned { get; private set; } = [];
    public byte[] Sealed { get; private set; } = [];
    public string AnchorsPem => _served.AnchorsPem;

    public async Task InitializeAsync()
    {
        var pki = _served.Pki;
        var signer = new PadesSigner(pki.TimestampClient);
        var pdf = TestDocuments.WithSignatureFields(pages: 3);
        pdf = await signer.SignAsync(pdf, new SignatureRequest
        {
            FieldName = "Borrower",
            Key = pki.IssueSignerKey("张三", "510603199001011231"),
            Appearance = new HandwrittenSignatureAppearance(RepositoryFiles.Read("samples/handwriting/borrower.png"), "借款人 张三"),
        }, CancellationToken.None);
        BorrowerSigned = pdf;
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CoBorrower1", Key = pki.IssueSignerKey("李四", "510603199202022340") }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "LoanOfficer", Key = pki.Officers[0].Key }, CancellationToken.None);
        pdf = await signer.SignAsync(pdf, new SignatureRequest { FieldName = "CentreSeal", Key = pki.Seals[0].Key, LockAllFields = true }, CancellationToken.None);
        Sealed = await new LongTermValidation(pki.RevocationSource, pki.TimestampClient).ExtendAsync(pdf, pki.IssuingCa.Chain, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        _served.Dispose();
        return Task.CompletedTask;
    }
}
