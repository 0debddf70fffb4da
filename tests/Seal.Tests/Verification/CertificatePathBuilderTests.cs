using Microsoft.Extensions.Options;
using OneThing.Seal.Tests.Support;
using OneThing.Seal.Tests.Verification.Support;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Tests.Verification;

/// <summary>basicConstraints pathLenConstraint as RFC 5280 §6.1.4 (l)/(m) counts it: intermediate CAs below, not the leaf.</summary>
public sealed class CertificatePathBuilderTests
{
    private readonly TestPki _pki = new("Path Test Root CA");

    [Fact]
    public void A_ca_with_path_length_0_may_not_be_followed_by_another_ca()
    {
        var ca1 = TestCertificates.Ca(_pki, "CA1 pathLen 0", _pki.Root, _pki.RootKey.Private, pathLength: 0);
        var ca2 = TestCertificates.Ca(_pki, "CA2", ca1.Certificate, ca1.Key.Private, pathLength: null);
        var leaf = TestCertificates.EndEntity(_pki, "Leaf", ca2.Certificate, ca2.Key.Private);

        var path = Build(leaf, [ca2.Certificate, ca1.Certificate]);

        Assert.Equal(CheckStatus.Failed, path.Check.Status);
        Assert.Contains("path length constraint", path.Check.Detail);
        Assert.Contains("CA1 pathLen 0", path.Check.Detail);
    }

    [Fact]
    public void A_ca_with_path_length_0_may_issue_the_leaf()
    {
        var ca1 = TestCertificates.Ca(_pki, "CA1 pathLen 0", _pki.Root, _pki.RootKey.Private, pathLength: 0);
        var leaf = TestCertificates.EndEntity(_pki, "Leaf", ca1.Certificate, ca1.Key.Private);

        var path = Build(leaf, [ca1.Certificate]);

        Assert.Equal(CheckStatus.Passed, path.Check.Status);
        Assert.Equal(3, path.Certificates.Count);
    }

    [Fact]
    public void A_ca_with_path_length_1_may_have_one_ca_below_it()
    {
        var ca1 = TestCertificates.Ca(_pki, "CA1 pathLen 1", _pki.Root, _pki.RootKey.Private, pathLength: 1);
        var ca2 = TestCertificates.Ca(_pki, "CA2", ca1.Certificate, ca1.Key.Private, pathLength: null);
        var leaf = TestCertificates.EndEntity(_pki, "Leaf", ca2.Certificate, ca2.Key.Private);

        var path = Build(leaf, [ca2.Certificate, ca1.Certificate]);

        Assert.Equal(CheckStatus.Passed, path.Check.Status);
        Assert.Equal(4, path.Certificates.Count);
    }

    private CertificatePath Build(X509Certificate leaf, IReadOnlyList<X509Certificate> pool)
    {
        var options = Options.Create(new VerificationOptions());
        var builder = new CertificatePathBuilder(new SignatureCheckCache(options), options);
        return builder.Build(leaf, pool, new TrustAnchors([_pki.Root]), DateTimeOffset.UtcNow);
    }
}
