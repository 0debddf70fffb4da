using System.Collections.Concurrent;
using Org.BouncyCastle.X509;

namespace OneThing.Seal.Pki;

/// <summary>
/// Asks <paramref name="source"/> once per certificate and issuer for as long as this object lives, and
/// hands every later (or concurrent) asker the same evidence. Meant for one operation that extends several
/// documents signed by the same people at the same moment — a case's seal, where each of the three documents
/// needs the OCSP responses and CRLs of the same signer, officer, seal and TSA certificates: one answer per
/// certificate instead of one per document. Not for anything long-lived: a revocation after it was made
/// would not show.
/// </summary>
public sealed class OneAnswerPerCertificate(IRevocationSource source) : IRevocationSource
{
    private readonly ConcurrentDictionary<(X509Certificate Certificate, X509Certificate Issuer), Lazy<Task<RevocationEvidence>>> _answers = new();

    public Task<RevocationEvidence> GetAsync(X509Certificate certificate, X509Certificate issuer, CancellationToken cancellationToken)
    {
        var answer = _answers.GetOrAdd((certificate, issuer),
            key => new Lazy<Task<RevocationEvidence>>(() => source.GetAsync(key.Certificate, key.Issuer, cancellationToken)));
        return answer.Value.WaitAsync(cancellationToken);
    }
}
