using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Timestamps;
using OneThing.Seal.Signing;

namespace OneThing.SigningApi.Core;

/// <summary>
/// One algorithm family's signing means: its PKI (keys, CAs, TSA, OCSP), the timestamp client and revocation source
/// its signatures use, a PAdES signer bound to that TSA, and — for the SM2 family — each centre's GB/T 38540 seal
/// (SESeal, DER) by centre name, applied with the centre seal.
/// </summary>
public sealed class PkiFamily(ProductPki pki, ITimestampClient timestamps, IRevocationSource revocation, TimeProvider time, IReadOnlyDictionary<string, byte[]>? electronicSeals = null)
{
    public ProductPki Pki { get; } = pki;
    public ITimestampClient Timestamps { get; } = timestamps;
    public IRevocationSource Revocation { get; } = revocation;
    public PadesSigner Signer { get; } = new(timestamps, time);

    /// <summary>The centre's GB/T 38540 seal, or null (international family, or no seal for the centre).</summary>
    public byte[]? ElectronicSealOf(string centreName) => electronicSeals?.GetValueOrDefault(centreName);
}
