using Microsoft.Win32.SafeHandles;
using OneThing.Durability;

namespace OneThing.SigningApi.Persistence;

/// <summary>
/// fsync of a SQLite database's write-ahead log, which is where a WAL-mode commit lands. With
/// <c>synchronous = NORMAL</c> SQLite writes each commit to the log without syncing it; one sync of the
/// log here then makes every commit written before it durable, as <c>FULL</c> would have for each one.
/// fsync works on the file, not on the descriptor, so a descriptor of our own is enough. The log is
/// opened afresh each time because SQLite deletes and recreates it when the last connection closes;
/// its folder is synced too, since a recreated log's name is only durable once the folder is (SQLite
/// in FULL mode syncs the folder when it creates the log; in NORMAL it does not until a checkpoint).
/// The log carries no SQLite locks (those live on the database file and the -shm index), so our
/// descriptor cannot release any when it closes.
/// </summary>
public sealed class SqliteWalSync(string databaseFile) : ICommitSync
{
    public string LogFile { get; } = databaseFile + "-wal";

    public void Sync()
    {
        SafeFileHandle log;
        try
        {
            log = File.OpenHandle(LogFile, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            // No log: the last connection closed, checkpointed (syncing the database file) and removed it.
            return;
        }
        using (log)
        {
            RandomAccess.FlushToDisk(log);
        }
        DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(LogFile))!);
    }
}
