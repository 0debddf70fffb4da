using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>PDFs signed by poppler's pdfsig: classic xref and qpdf object-stream/xref-stream variants, one and two signatures, and a tampered copy.</summary>
public sealed class PdfsigFiles : IDisposable
{
    public PdfsigFiles()
    {
        Workshop = new PdfsigWorkshop();
        var plain = TestDocuments.WithSignatureFields(pages: 2, "Unused");
        var objectStreams = TestDocuments.RewrittenWithObjectStreams(plain);
        ClassicOneRsa = Workshop.AddSignature(plain, "rsa", "Bank");
        ClassicTwo = Workshop.AddSignature(ClassicOneRsa, "ec", "Centre");
        ObjectStreamsOneEc = Workshop.AddSignature(objectStreams, "ec", "Bank");
        ObjectStreamsTwo = Workshop.AddSignature(ObjectStreamsOneEc, "rsa", "Centre");
        ObjectStreamsTwoTampered = Tamper.FlipByteInHeaderComment(ObjectStreamsTwo);
        if (Environment.GetEnvironmentVariable("SEAL_TEST_DUMP") is { } dump)
        {
            foreach (var (name, pdf) in All)
            {
                File.WriteAllBytes(Path.Combine(dump, name + ".pdf"), pdf);
            }
            File.WriteAllText(Path.Combine(dump, "pdfsig-ca.pem"), Workshop.AnchorsPem);
        }
    }

    public PdfsigWorkshop Workshop { get; }
    public byte[] ClassicOneRsa { get; }
    public byte[] ClassicTwo { get; }
    public byte[] ObjectStreamsOneEc { get; }
    public byte[] ObjectStreamsTwo { get; }
    public byte[] ObjectStreamsTwoTampered { get; }

    public IEnumerable<(string Name, byte[] Pdf)> All =>
    [
        (nameof(ClassicOneRsa), ClassicOneRsa),
        (nameof(ClassicTwo), ClassicTwo),
        (nameof(ObjectStreamsOneEc), ObjectStreamsOneEc),
        (nameof(ObjectStreamsTwo), ObjectStreamsTwo),
        (nameof(ObjectStreamsTwoTampered), ObjectStreamsTwoTampered),
    ];

    public void Dispose() => Workshop.Dispose();
}
