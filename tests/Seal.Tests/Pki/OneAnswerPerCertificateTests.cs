using Org.BouncyCastle.X509;
using OneThing.Seal.Pki;

namespace OneThing.Seal.Tests.Pki;

/// <summary>A seal's documents share one OCSP/CRL answer per certificate instead of asking the CA once per document.</summary>
public sealed class OneAnswerPerCertificateTests : IDisposable
{
    private readonly ProductPki _pki = ProductPki.CreateInMemory();

    [Fact]
    public async Task Three_documents_asking_at_once_about_the_same_certificate_cause_one_question_and_get_the_same_answer()
    {
        using var applicant = _pki.IssueSignerKey("张三", "11010519491231002X");
        var counting = new CountingSource(_pki.CreateRevocationSource(null));
        var shared = new OneAnswerPerCertificate(counting);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => shared.GetAsync(applicant.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None))));

        Assert.Equal(1, counting.Questions);
        Assert.All(answers, a => Assert.Same(answers[0], a));
        Assert.NotEmpty(answers[0].OcspResponses);
    }

    [Fact]
    public async Task Each_certificate_gets_its_own_answer()
    {
        using var borrower = _pki.IssueSignerKey("张三", "11010519491231002X");
        using var coBorrower = _pki.IssueSignerKey("李四", "110105199001011232");
        var counting = new CountingSource(_pki.CreateRevocationSource(null));
        var shared = new OneAnswerPerCertificate(counting);

        var first = await shared.GetAsync(borrower.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None);
        var second = await shared.GetAsync(coBorrower.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None);
        await shared.GetAsync(borrower.Certificate, _pki.IssuingCa.Certificate, CancellationToken.None);

        Assert.Equal(2, counting.Questions);
        Assert.NotSame(first, second);
        Assert.NotEqual(first.OcspResponses[0], second.OcspResponses[0]);
    }

    public void Dispose() => _pki.Dispose();

    private sealed class CountingSource(IRevocationSource inner) : IRevocationSource
    {
        private int _questions;

        public int Questions => Volatile.Read(ref _questions);

        public async Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _questions);
            // Slow enough that the concurrent askers arrive while the first question is still open.
            await Task.Delay(50, cancellationToken);
            return await inner.GetAsync(certificate, issuer, cancellationToken);
        }
    }
}
