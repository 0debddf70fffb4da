using PdfSharp.Fonts;

namespace OneThing.Fonts;

/// <summary>
/// The one place that installs the CJK font into PDFsharp. <see cref="GlobalFontSettings.FontResolver"/>
/// is process-global and may be set only once, while both contract rendering and seal appearances need it
/// in the same process: so registration is idempotent and thread-safe, and everyone calls this.
/// </summary>
public static class PdfFonts
{
    /// <summary>The family name to pass to <c>XFont</c>; any name resolves to the CJK face, use this one.</summary>
    public const string FamilyName = "WenQuanYi Zen Hei";

    private static readonly Lock Gate = new();
    private static CjkFontResolver? _registered;

    /// <summary>
    /// Registers the CJK resolver once per process (later calls return the same resolver; their options are
    /// ignored) and loads the face so a missing font fails here with a clear <see cref="CjkFontMissingException"/>.
    /// </summary>
    public static CjkFontResolver EnsureRegistered(CjkFontOptions? options = null)
    {
        lock (Gate)
        {
            if (_registered is not null) return _registered;
            var resolver = new CjkFontResolver(options ?? new CjkFontOptions());
            resolver.EnsureLoaded();
            if (GlobalFontSettings.FontResolver is not null and not CjkFontResolver)
            {
                throw new InvalidOperationException(
                    "another PDFsharp font resolver is already installed; call PdfFonts.EnsureRegistered before any other font setup");
            }
            GlobalFontSettings.FontResolver ??= resolver;
            _registered = (CjkFontResolver)GlobalFontSettings.FontResolver;
            return _registered;
        }
    }
}
