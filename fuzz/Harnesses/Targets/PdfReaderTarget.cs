using OneThing.Seal.Pdf;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using OneThing.Seal.Pdf.Xref;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>pdf-reader</c>: opens the bytes with <see cref="PdfDocumentReader"/>, walks every revision and every
/// object in it (decoding streams and the page tree). Properties: only <see cref="PdfFormatException"/>
/// escapes the reader; when the file is accepted, an incremental update that re-serialises every object
/// read (what the signer does to the objects it changes) opens again and reads back the same objects.
/// </summary>
public sealed class PdfReaderTarget : IFuzzTarget
{
    public const string HarnessName = "pdf-reader";

    /// <summary>Objects walked per revision: a hostile xref stream may name two million (the reader's limit), more than one run should spend on.</summary>
    private const int MaxObjectsPerRevision = 20_000;

    public string Name => HarnessName;

    public IReadOnlyList<string> Instrumented => ["OneThing.Seal.Pdf.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        PdfDocumentReader reader;
        try
        {
            reader = PdfDocumentReader.Open(data);
        }
        catch (PdfFormatException)
        {
            return;
        }

        for (var i = 0; i < reader.Revisions.Count; i++)
        {
            Walk(reader.ForRevision(i), reader.Revisions[i]);
        }
        var readable = Walk(reader, null);
        Documented(() => reader.GetPages());
        ReadBack(reader, readable);
    }

    /// <summary>Reads each object of <paramref name="revision"/> (every object when null) and decodes its streams; returns those read.</summary>
    private static List<(PdfReference Reference, PdfObject Value)> Walk(PdfDocumentReader reader, PdfRevision? revision)
    {
        var read = new List<(PdfReference, PdfObject)>();
        var entries = revision?.Entries ?? reader.Entries;
        foreach (var (number, entry) in entries.Take(MaxObjectsPerRevision))
        {
            if (entry.Kind == XrefEntryKind.Free)
            {
                continue;
            }
            var reference = new PdfReference(number, entry.ObjectGeneration);
            var value = Documented(() => reader.GetObject(reference));
            if (value is null or PdfNull)
            {
                continue;
            }
            read.Add((reference, value));
            if (value is PdfStream stream)
            {
                Documented(() => reader.DecodeStream(stream));
            }
        }
        return read;
    }

    private static void ReadBack(PdfDocumentReader reader, List<(PdfReference Reference, PdfObject Value)> objects)
    {
        if (reader.IsEncrypted || objects.Count == 0)
        {
            return;
        }
        var writer = new IncrementalUpdateWriter(reader);
        foreach (var (reference, value) in objects)
        {
            writer.Set(reference, value);
        }
        var updated = writer.Write().ToArray();
        PdfDocumentReader again;
        try
        {
            again = PdfDocumentReader.Open(updated);
        }
        catch (PdfFormatException e)
        {
            throw new PropertyViolationException($"the reader accepted the file but not its own re-serialisation of {objects.Count} objects: {e.Message}", e);
        }
        foreach (var (reference, value) in objects)
        {
            PdfObject back;
            try
            {
                back = again.GetObject(reference);
            }
            catch (PdfFormatException e)
            {
                throw new PropertyViolationException($"object {reference.Number} {reference.Generation} R was read, re-serialised and then could not be read back: {e.Message}", e);
            }
            if (!PdfObjects.Same(value, back))
            {
                throw new PropertyViolationException($"object {reference.Number} {reference.Generation} R reads back differently after re-serialisation ({Describe(value)} became {Describe(back)})");
            }
        }
    }

    private static string Describe(PdfObject value)
    {
        var text = value.ToString() ?? value.GetType().Name;
        return text.Length > 80 ? text[..80] + "…" : text;
    }

    /// <summary>Runs a reader call; <see cref="PdfFormatException"/> (the documented failure) is expected, anything else escapes.</summary>
    private static T? Documented<T>(Func<T> call) where T : class
    {
        try
        {
            return call();
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }
}
