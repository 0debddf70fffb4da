using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Support;

public static class PemCertificates
{
    public static string Of(IEnumerable<X509Certificate> certificates)
    {
        using var sw = new StringWriter();
        var pem = new PemWriter(sw);
        foreach (var c in certificates)
        {
            pem.WriteObject(c);
        }
        return sw.ToString();
    }
}
