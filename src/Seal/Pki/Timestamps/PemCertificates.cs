using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki.Timestamps;

/// <summary>Reads trust anchors (one or more certificates, PEM or DER) from a file.</summary>
public static class PemCertificates
{
    public static IReadOnlyList<X509Certificate> Load(string path)
    {
        var certificates = new X509CertificateParser().ReadCertificates(File.ReadAllBytes(path)).ToList();
        return certificates.Count > 0 ? certificates : throw new InvalidDataException($"{path} holds no certificate.");
    }
}
