using OneThing.Seal.Pdf;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Seal.Verification;

/// <summary>Everything shared by the checks of one document's signatures.</summary>
internal sealed record VerificationContext(
    ReadOnlyMemory<byte> File,
    PdfDocumentReader Document,
    ValidationMaterial Material,
    TrustAnchors Anchors,
    IRevocationFetcher? Fetcher,
    DateTimeOffset Now,
    int? DssRevision,
    Cms.SignedRangeDigests Digests)
{
    /// <summary>Digest of a signature's byte ranges (shared single-pass SHA-256 where possible).</summary>
    public byte[] DigestOf(IReadOnlyList<long> byteRange, System.Security.Cryptography.HashAlgorithmName algorithm) =>
        Digests.Digest(File.Span, byteRange, algorithm);

    /// <summary>Revisions holding a valid document timestamp (filled before signatures are checked).</summary>
    public List<int> DocumentTimestampRevisions { get; } = [];

    /// <summary>The revision whose end is <paramref name="end"/>, if the signed bytes stop exactly at a revision boundary.</summary>
    public int? RevisionEndingAt(long end)
    {
        var span = File.Span;
        for (var i = 0; i < Document.Revisions.Count; i++)
        {
            var revisionEnd = Document.Revisions[i].EndOffset;
            // Producers differ on whether the end-of-line after %%EOF belongs to the signed bytes.
            if (end <= revisionEnd && end >= revisionEnd - 2 && end <= span.Length
                && span[(int)end..(int)revisionEnd].IndexOfAnyExcept("\r\n"u8) < 0)
            {
                return i;
            }
        }
        return null;
    }
}
