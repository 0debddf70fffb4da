using OneThing.Seal.Pdf;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Timestamps;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing.Ltv;

/// <summary>
/// Takes a signed document to PAdES B-LTA, and renews it later: one incremental update with a DSS
/// holding every certificate and the OCSP/CRL of all signer and TSA chains in the document
/// (earlier DSS entries kept), then a document timestamp over everything.
/// </summary>
public sealed class LongTermValidation(ValidationDataCollector collector, DocumentTimestamper timestamper)
{
    /// <param name="imprintAlgorithm">The document timestamp's imprint hash: SHA-256 (default), or SM3 for the SM2 family.</param>
    public LongTermValidation(Pki.IRevocationSource revocationSource, ITimestampClient timestampClient, System.Security.Cryptography.HashAlgorithmName? imprintAlgorithm = null)
        : this(new ValidationDataCollector(revocationSource), new DocumentTimestamper(timestampClient, imprintAlgorithm))
    {
    }

    /// <summary>B-LTA for documents of <paramref name="pki"/>'s family: its revocation data, its TSA, its hash for the document timestamp.</summary>
    public static LongTermValidation For(ProductPki pki, Pki.IRevocationSource? revocationSource = null, ITimestampClient? timestampClient = null) =>
        new(revocationSource ?? pki.RevocationSource, timestampClient ?? pki.TimestampClient, pki.DigestAlgorithm);

    /// <param name="knownChainCertificates">Issuing and root CA certificates of signers and TSAs (the tokens carry only the TSA's own certificate).</param>
    public async Task<byte[]> ExtendAsync(ReadOnlyMemory<byte> pdf, IEnumerable<X509Certificate> knownChainCertificates, CancellationToken cancellationToken)
    {
        var withDss = await AddValidationDataAsync(pdf, knownChainCertificates, cancellationToken).ConfigureAwait(false);
        return await timestamper.TimestampAsync(withDss, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Only the DSS update (B-LT).</summary>
    public async Task<byte[]> AddValidationDataAsync(ReadOnlyMemory<byte> pdf, IEnumerable<X509Certificate> knownChainCertificates, CancellationToken cancellationToken)
    {
        var document = PdfDocumentReader.Open(pdf);
        var signatures = DocumentSignatures.Read(document);
        if (signatures.Count == 0)
        {
            throw new SigningException("the document has no signature to add validation data for");
        }
        var data = await collector.CollectAsync(signatures.SelectMany(s => s.Certificates), knownChainCertificates, cancellationToken).ConfigureAwait(false);
        return DssUpdateBuilder.Build(document, data).ToArray();
    }
}
