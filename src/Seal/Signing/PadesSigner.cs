using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Signing.Appearances;
using OneThing.Seal.Signing.ElectronicSeals;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Signing.Fields;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing;

/// <summary>
/// PAdES B-T signing into a pre-made signature field, as one incremental update: placeholder
/// revision → hash of the two ranges → CMS (signed attributes signed through <see cref="ISigningKey"/>,
/// so the key may live in an HSM) → RFC 3161 token over the signature value → embed.
/// </summary>
public sealed class PadesSigner(ITimestampClient timestampClient, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<byte[]> SignAsync(ReadOnlyMemory<byte> pdf, SignatureRequest request, CancellationToken cancellationToken)
    {
        var document = PdfDocumentReader.Open(pdf);
        return await SignAsync(document, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs an already opened document (callers that sign the same document repeatedly keep its parsed structure).</summary>
    public async Task<byte[]> SignAsync(PdfDocumentReader document, SignatureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = SignatureFieldLocator.FindAll(document);
        var field = FieldToSign.Find(document, request.FieldName);
        var permissions = ModificationPermissions.Inspect(document, fields);
        permissions.EnsureMaySign(document, fields, field);

        var reserve = request.ContentsReserve ?? EstimateReserve(request.Key.Certificate, request.Key.Chain);
        var signingTime = _time.GetUtcNow();
        var electronicSeal = request.ElectronicSeal is { } sealDer ? ElectronicSealApplication.Prepare(sealDer, request.Key, signingTime) : null;
        var spec = new SignatureRevisionSpec(
            PadesSubFilters.CadesDetached,
            signingTime,
            reserve,
            Certify: permissions.ShouldCertify(request.CertifyIfFirst),
            LockAllFields: request.LockAllFields,
            Name: request.SignerName ?? CertificateNames.CommonName(request.Key.Certificate),
            Reason: request.Reason,
            Location: request.Location,
            ContactInfo: request.ContactInfo,
            Appearance: (ISignatureAppearance?)electronicSeal?.Appearance ?? request.Appearance,
            SealSignatureReserve: electronicSeal?.Reserve(request.Key));
        var slot = SignatureRevisionBuilder.Build(document, field, spec);
        if (electronicSeal is not null)
        {
            // The SES_Signature first: the CMS made next covers it.
            var toSign = SesWriter.WriteToSign(electronicSeal.SealDer, signingTime, slot.ComputeSealSignatureDigest(), "PDF " + AsciiOnly(field.FullName));
            var sealValue = await request.Key.SignAsync(toSign, cancellationToken).ConfigureAwait(false);
            slot.EmbedSealSignature(SesWriter.Assemble(toSign, request.Key.Certificate.GetEncoded(), sealValue));
        }
        // SM2 keys sign SM3 digests (GM/T 0010); everything else SHA-256.
        var algorithm = request.Key.SignatureAlgorithm;
        var digest = slot.ComputeDigest(SignerInfoAlgorithms.HashFor(algorithm));

        var signedAttributes = SignedAttributes.Build(digest, request.Key.Certificate, sm3: SignerInfoAlgorithms.IsSm2(algorithm));
        var signature = await request.Key.SignAsync(SignedAttributes.ToSign(signedAttributes), cancellationToken).ConfigureAwait(false);
        var token = await SignatureTimestamper.GetTokenAsync(timestampClient, signature, cancellationToken).ConfigureAwait(false);
        var cms = CmsSignedDataBuilder.Build(signedAttributes, signature, request.Key.SignatureAlgorithm, request.Key.Certificate, request.Key.Chain, token);
        if (cms.Length > slot.ReservedBytes && request.ContentsReserve is null)
        {
            // The estimate was short (an unusually large TSA token): redo once with the exact size.
            return await SignAsync(document, request with { ContentsReserve = cms.Length + 1024 }, cancellationToken).ConfigureAwait(false);
        }
        slot.Embed(cms);
        return slot.Update.ToArray();
    }

    /// <summary>TBS_Sign's propertyInfo is an IA5String: the field name with anything else replaced.</summary>
    private static string AsciiOnly(string text) => new([.. text.Select(c => c is >= ' ' and <= '~' ? c : '_')]);

    /// <summary>Room for the certificates, the signature and a timestamp token carrying its own chain.</summary>
    public static int EstimateReserve(X509Certificate certificate, IEnumerable<X509Certificate> chain)
    {
        var certificates = certificate.GetEncoded().Length + chain.Sum(c => c.GetEncoded().Length);
        return (certificates + 9_000 + 1023) / 1024 * 1024;
    }
}
