using OneThing.Seal.Tests.Pki.Support;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Sm2;

/// <summary>
/// OpenSSL 3 as the independent judge of SM2: chains with the GM/T 0009 ID given explicitly (its own default
/// is the empty ID), signature values through <c>pkeyutl -rawin -digest sm3</c>.
/// </summary>
internal static class Sm2OpenSsl
{
    public const string DistId = "distid:1234567812345678";

    /// <summary>
    /// Verifies root → issuing CA → <paramref name="leaf"/> with <c>openssl verify</c>. OpenSSL 3.0 applies
    /// <c>-vfyopt distid:…</c> only to the certificate it is asked about, so an intermediate loaded with
    /// <c>-untrusted</c> would be checked with the empty ID: each link is verified as the target of its own call,
    /// the issuing CA against the root, then the leaf against the issuing CA as a partial-chain anchor.
    /// </summary>
    public static ExternalTool.Result VerifyChain(TempDirectory dir, X509Certificate root, X509Certificate issuing, X509Certificate leaf, bool withDistId = true)
    {
        var rootPem = dir.WritePem($"root-{Guid.NewGuid():N}.pem", root);
        var issuingPem = dir.WritePem($"ca-{Guid.NewGuid():N}.pem", issuing);
        string[] id = withDistId ? ["-vfyopt", DistId] : [];
        var upper = ExternalTool.Run("openssl", ["verify", .. id, "-CAfile", rootPem, issuingPem]);
        if (upper.ExitCode != 0 || leaf.Equals(issuing))
        {
            return upper;
        }
        return ExternalTool.Run("openssl", ["verify", .. id, "-partial_chain", "-CAfile", issuingPem, dir.WritePem($"leaf-{Guid.NewGuid():N}.pem", leaf)]);
    }

    /// <summary>True when OpenSSL accepts <paramref name="signature"/> as the SM2 signature of <paramref name="data"/> by the certificate's key.</summary>
    public static bool VerifySignatureValue(TempDirectory dir, X509Certificate signer, byte[] data, byte[] signature)
    {
        var id = Guid.NewGuid().ToString("N");
        var certificate = dir.WritePem($"signer-{id}.pem", signer);
        var publicKey = dir.File($"pub-{id}.pem");
        ExternalTool.Succeed("openssl", "x509", "-in", certificate, "-pubkey", "-noout", "-out", publicKey);
        var result = ExternalTool.Run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-digest", "sm3",
            "-pkeyopt", DistId, "-in", dir.WriteBytes($"data-{id}.bin", data), "-sigfile", dir.WriteBytes($"sig-{id}.der", signature));
        return result.ExitCode == 0 && result.All.Contains("Signature Verified Successfully");
    }
}
