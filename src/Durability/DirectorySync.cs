using System.ComponentModel;
using System.Runtime.InteropServices;

namespace OneThing.Durability;

/// <summary>
/// fsync(2) of a directory. A file's fsync makes its bytes durable, not its name: until the directory
/// holding a new entry (a created file or folder, the target of a rename) is itself synced, a crash
/// can forget the entry. .NET refuses to open a directory as a file, hence two libc calls. On Windows,
/// where NTFS journals its metadata and a directory cannot be flushed this way, it does nothing.
/// </summary>
public static class DirectorySync
{
    /// <exception cref="IOException">The directory could not be opened or synced (the reason from errno).</exception>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = Native.open(directory, Native.ReadOnly);
        if (fd < 0) throw Failure("open", directory);
        try
        {
            if (Native.fsync(fd) != 0) throw Failure("fsync", directory);
        }
        finally
        {
            _ = Native.close(fd);
        }
    }

    /// <summary>
    /// Creates <paramref name="folder"/> and any missing folders above it, then syncs the parent of each one
    /// made (deepest first), so the new names survive a crash.
    /// </summary>
    public static void CreateDirectory(string folder)
    {
        var missing = new List<string>();
        for (var f = Path.GetFullPath(folder); !string.IsNullOrEmpty(f) && !Directory.Exists(f); f = Path.GetDirectoryName(f))
            missing.Add(f);
        Directory.CreateDirectory(folder);
        foreach (var made in missing) Flush(Path.GetDirectoryName(made)!);
    }

    private static IOException Failure(string call, string directory) =>
        new($"{call} of the folder {directory} failed: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");

    private static class Native
    {
        public const int ReadOnly = 0;

#pragma warning disable SYSLIB1054 // DllImport keeps this free of unsafe code; the calls are rare and cheap to marshal
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
#pragma warning restore SYSLIB1054
    }
}
