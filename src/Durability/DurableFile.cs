namespace OneThing.Durability;

/// <summary>
/// Replaces a file so that a crash leaves either the old file or the whole new one, and once the call
/// returns the new one survives a power cut: write a temporary file beside the target, fsync it, rename
/// it over the target, then fsync the folder, since a rename is only durable once its folder is (folders
/// created for it are made durable by <see cref="DirectorySync.CreateDirectory"/>). The temporary file is
/// removed when anything fails.
/// </summary>
public static class DurableFile
{
    /// <param name="mode">Permissions the file is created with (Unix; ignored on Windows), e.g. owner-only for keys and secrets.</param>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        var (target, temporary) = Prepare(path);
        try
        {
            using (var stream = new FileStream(temporary, Options(mode)))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            Publish(temporary, target);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void Write(string path, ReadOnlyMemory<byte> content, UnixFileMode? mode = null) =>
        Write(path, stream => stream.Write(content.Span), mode);

    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken, UnixFileMode? mode = null)
    {
        var (target, temporary) = Prepare(path);
        try
        {
            await using (var stream = new FileStream(temporary, Options(mode, useAsync: true)))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            Publish(temporary, target);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static (string Target, string Temporary) Prepare(string path)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        DirectorySync.CreateDirectory(folder);
        // Unique per call, so two writers of the same file never share a temporary file.
        return (target, Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp"));
    }

    private static FileStreamOptions Options(UnixFileMode? mode, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (mode is { } m && !OperatingSystem.IsWindows()) options.UnixCreateMode = m;
        return options;
    }

    private static void Publish(string temporary, string target)
    {
        File.Move(temporary, target, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(target)!);
    }
}
