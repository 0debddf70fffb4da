using System.Security.Cryptography;
using OneThing.Seal.Crypto.Cms;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Forms;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Signing.Fields;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Signing.External;

/// <summary>
/// Two-phase PAdES B-T signing for keys the server does not hold. Prepare writes the placeholder
/// revision and returns the signed attributes' digest; complete checks the external signature value
/// against the certificate, timestamps it and embeds the CMS. Nothing is trusted from the state
/// without re-checking: the ranges are re-hashed and compared with the signed message digest.
/// </summary>
public sealed class ExternalSigner(ITimestampClient timestampClient, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public Task<PreparedSignature> PrepareAsync(ReadOnlyMemory<byte> pdf, ExternalSignatureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (SignerInfoAlgorithms.IsSm2(request.SignatureAlgorithm))
        {
            // A device would have to sign SM3(Z ‖ attributes) itself; no phone key path does SM2 yet (docs/sm2.md).
            throw new SigningException("two-phase signing with an SM2 key held elsewhere is not supported; SM2 keys sign through ISigningKey");
        }
        var document = PdfDocumentReader.Open(pdf);
        var fields = SignatureFieldLocator.FindAll(document);
        var field = FieldToSign.Find(document, request.FieldName);
        var permissions = ModificationPermissions.Inspect(document, fields);
        permissions.EnsureMaySign(document, fields, field);
        var spec = new SignatureRevisionSpec(
            PadesSubFilters.CadesDetached,
            _time.GetUtcNow(),
            request.ContentsReserve ?? PadesSigner.EstimateReserve(request.SignerCertificate, request.Chain),
            Certify: permissions.ShouldCertify(request.CertifyIfFirst),
            LockAllFields: request.LockAllFields,
            Name: request.SignerName ?? CertificateNames.CommonName(request.SignerCertificate),
            Reason: request.Reason,
            Location: request.Location,
            Appearance: request.Appearance);
        var slot = SignatureRevisionBuilder.Build(document, field, spec);
        var signedAttributes = SignedAttributes.ToSign(SignedAttributes.Build(slot.ComputeDigest(), request.SignerCertificate));
        var update = slot.Update;
        var state = new ExternalSigningState(
            ExternalSigningState.CurrentVersion,
            update.ToArray(),
            update.Original.Length,
            update.ByteRangeOffset,
            update.ContentsOffset,
            update.ContentsReservedBytes,
            signedAttributes,
            request.SignerCertificate.GetEncoded(),
            request.Chain.Select(c => c.GetEncoded()).ToArray(),
            request.SignatureAlgorithm);
        return Task.FromResult(new PreparedSignature(SHA256.HashData(signedAttributes), signedAttributes, state.ToBytes()));
    }

    /// <param name="signatureValue">The signature over the signed attributes: DER (RFC 3279) or IEEE P1363 (r‖s, as WebCrypto gives) for ECDSA; PKCS#1 v1.5 for RSA.</param>
    public async Task<byte[]> CompleteAsync(byte[] state, byte[] signatureValue, X509Certificate signerCertificate, CancellationToken cancellationToken)
    {
        var s = ExternalSigningState.FromBytes(state);
        var certificate = new X509Certificate(s.Certificate);
        if (!certificate.Equals(signerCertificate))
        {
            throw new SigningException("the certificate given to complete is not the one the signature was prepared for");
        }
        var algorithm = s.SignatureAlgorithm.ToUpperInvariant();
        var value = algorithm.EndsWith("ECDSA", StringComparison.Ordinal) ? EcdsaSignatureFormat.ToDer(signatureValue) : signatureValue;
        var verifier = SignerUtilities.GetSigner(algorithm);
        verifier.Init(false, certificate.GetPublicKey());
        verifier.BlockUpdate(s.SignedAttributes);
        if (!verifier.VerifySignature(value))
        {
            throw new SigningException("the external signature value does not verify with the signer's certificate");
        }

        var pdf = s.PreparedPdf;
        if (s.OriginalLength < 0 || s.OriginalLength > pdf.Length)
        {
            throw new SigningException("the two-phase signing state is corrupt");
        }
        var update = new WrittenUpdate(pdf.AsMemory(0, s.OriginalLength), pdf[s.OriginalLength..], s.ByteRangeOffset, s.ContentsOffset, s.ReservedBytes);
        var slot = new ByteRangeSlot(update);
        var signedAttributes = (Asn1Set)Asn1Object.FromByteArray(s.SignedAttributes);
        if (!MessageDigestOf(signedAttributes).AsSpan().SequenceEqual(slot.ComputeDigest()))
        {
            throw new SigningException("the prepared document does not match the signed attributes (state tampered with?)");
        }
        var token = await SignatureTimestamper.GetTokenAsync(timestampClient, value, cancellationToken).ConfigureAwait(false);
        var chain = s.Chain.Select(c => new X509Certificate(c)).ToList();
        var cms = CmsSignedDataBuilder.Build(signedAttributes, value, algorithm, certificate, chain, token);
        slot.Embed(cms);
        return update.ToArray();
    }

    private static byte[] MessageDigestOf(Asn1Set signedAttributes)
    {
        var table = new Org.BouncyCastle.Asn1.Cms.AttributeTable(signedAttributes);
        var attribute = table[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.Pkcs9AtMessageDigest]
            ?? throw new SigningException("prepared signed attributes lack a message digest");
        return Asn1OctetString.GetInstance(attribute.AttrValues[0]).GetOctets();
    }
}

/// <summary>ECDSA signature encodings: CMS needs DER SEQUENCE{r, s}; browsers and many HSM APIs give r‖s.</summary>
internal static class EcdsaSignatureFormat
{
    public static byte[] ToDer(byte[] signature)
    {
        // DER: SEQUENCE with a (short-form) length covering the rest; anything else is taken as r||s.
        if (signature.Length > 2 && signature[0] == 0x30 && signature[1] == signature.Length - 2)
        {
            return signature;
        }
        if (signature.Length % 2 != 0 || signature.Length == 0)
        {
            throw new SigningException("ECDSA signature value is neither DER nor r||s");
        }
        var half = signature.Length / 2;
        var r = new BigInteger(1, signature, 0, half);
        var sValue = new BigInteger(1, signature, half, half);
        return new DerSequence(new DerInteger(r), new DerInteger(sValue)).GetEncoded(Asn1Encodable.Der);
    }
}
