using PdfSharp.Fonts;

namespace OneThing.Fonts;

/// <summary>
/// Resolves every family PDFsharp asks for to the one CJK face (WenQuanYi Zen Hei covers Latin too),
/// so the documents and the signature appearances share one embedded subset. Bold is simulated by PDFsharp.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    private const string FaceName = "OneThingCjk";
    private readonly Lazy<byte[]> _face;

    public CjkFontResolver(CjkFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.ResolvePath();
        _face = new Lazy<byte[]>(() => LoadFace(Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The font file in use.</summary>
    public string Path { get; }

    /// <summary>Loads the face now, throwing <see cref="CjkFontMissingException"/> if the file is missing or bad.</summary>
    public void EnsureLoaded() => _ = _face.Value;

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, bold, italic);

    public byte[]? GetFont(string faceName) => faceName == FaceName ? _face.Value : null;

    private static byte[] LoadFace(string path)
    {
        if (!File.Exists(path))
        {
            throw new CjkFontMissingException(
                $"CJK font not found at '{path}'. Install it (apt-get install fonts-wqy-zenhei) or set " +
                $"{CjkFontOptions.EnvironmentVariable} to a .ttc/.ttf with CJK and Latin glyphs.");
        }
        try
        {
            var bytes = File.ReadAllBytes(path);
            return TrueTypeCollection.IsCollection(bytes) ? TrueTypeCollection.ExtractFace(bytes, 0) : bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentOutOfRangeException)
        {
            throw new CjkFontMissingException($"CJK font at '{path}' could not be read: {e.Message}", e);
        }
    }
}
