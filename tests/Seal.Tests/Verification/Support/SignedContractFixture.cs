using OneThing.Seal.Signing;
using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>The product's own output: a contract signed by borrower, co-borrower, officer and the seal (B-T, certified, seal locks all fields).</summary>
public sealed class SignedContractFixture : IAsyncLifetime
{
    public TestPki Pki { get; } = new();
    public byte[] Unsigned { get; private set; } = [];
    public byte[] Signed { get; private set; } = [];
    public string AnchorsPem => Pki.RootPem;

    public async Task InitializeAsync()
    {
        var signer = new PadesSigner(Pki.NewTimestampAuthority());
        Unsigned = TestDocuments.WithSignatureFields(pages: 3);
        var pdf = Unsigned;
        foreach (var field in TestDocuments.ContractFields)
        {
            pdf = await signer.SignAsync(pdf, new SignatureRequest
            {
                FieldName = field,
                Key = Pki.NewSigner(field + " Signer"),
                LockAllFields = field == "CentreSeal",
            }, CancellationToken.None);
        }
        Signed = pdf;
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
