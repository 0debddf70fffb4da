using System.Net.Http.Headers;
using System.Text;

namespace OneThing.Storage.Downloads;

/// <summary>
/// "attachment" Content-Disposition values (RFC 6266) whose file name survives Chinese characters:
/// filename* carries the UTF-8 name (RFC 5987), filename an ASCII fallback for old clients.
/// </summary>
public static class ContentDispositionBuilder
{
    public static string Attachment(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var header = new ContentDispositionHeaderValue("attachment")
        {
            FileName = "\"" + AsciiFallback(fileName) + "\"",
            FileNameStar = fileName,
        };
        return header.ToString();
    }

    /// <summary>Printable ASCII kept, everything else '_' (quotes and backslashes too, so the quoted string stays simple).</summary>
    public static string AsciiFallback(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
            builder.Append(c is >= ' ' and <= '~' and not '"' and not '\\' and not '%' ? c : '_');
        var result = builder.ToString();
        var extension = Path.GetExtension(result);
        // a name that was all Chinese becomes "____.pdf": say "document.pdf" instead
        return result[..^extension.Length].Trim('_', ' ').Length == 0 ? "document" + extension : result;
    }
}
