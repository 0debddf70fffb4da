using OneThing.Seal.Verification.Trust;

namespace OneThing.Cli.Commands;

/// <summary>Reads the verify command's inputs, turning every I/O or format problem into a one-line message.</summary>
internal static class VerifyInputs
{
    public static async Task<(TrustAnchors? Anchors, string? Error)> ReadAnchorsAsync(IReadOnlyList<FileInfo> files, CancellationToken cancellationToken)
    {
        var certificates = new List<Org.BouncyCastle.X509.X509Certificate>();
        foreach (var file in files)
        {
            try
            {
                certificates.AddRange(TrustAnchors.Parse(await File.ReadAllBytesAsync(file.FullName, cancellationToken)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                return (null, $"cannot read trust anchors from {file.Name}: {e.Message}");
            }
        }
        return (new TrustAnchors(certificates), null);
    }

    public static async Task<(byte[] Bytes, string? Error)> ReadPdfAsync(FileInfo file, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            if (!file.Exists)
            {
                return ([], $"{file.Name}: no such file");
            }
            if (file.Length > maxBytes)
            {
                return ([], $"{file.Name}: larger than the {maxBytes}-byte limit");
            }
            return (await File.ReadAllBytesAsync(file.FullName, cancellationToken), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([], $"cannot read {file.Name}: {e.Message}");
        }
    }
}
