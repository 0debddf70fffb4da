using System.Text;

namespace OneThing.Durability.Tests;

/// <summary>A durable write replaces the whole file or nothing, leaves no temporary file, and creates files with the mode asked for.</summary>
public sealed class DurableFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "onething-durable-" + Guid.NewGuid().ToString("N"));

    public DurableFileTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_write_replaces_the_file_and_leaves_nothing_else_in_the_folder()
    {
        var path = Path.Combine(_root, "manifest.json");
        File.WriteAllText(path, "old");

        DurableFile.Write(path, Encoding.UTF8.GetBytes("new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task An_async_write_creates_the_missing_folders()
    {
        var path = Path.Combine(_root, "out", "contracts", "loan.pdf");

        await DurableFile.WriteAsync(path, new byte[] { 0x25, 0x50, 0x44, 0x46 }, CancellationToken.None);

        Assert.Equal("%PDF", File.ReadAllText(path));
    }

    [Fact]
    public void A_writer_that_fails_leaves_the_old_file_untouched_and_no_temporary_file()
    {
        var path = Path.Combine(_root, "seal.p12");
        File.WriteAllText(path, "the old key");

        var error = Assert.Throws<InvalidOperationException>(() => DurableFile.Write(path, stream =>
        {
            stream.Write("half a new key"u8);
            throw new InvalidOperationException("encoder failed");
        }));

        Assert.Equal("encoder failed", error.Message);
        Assert.Equal("the old key", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public async Task A_cancelled_write_leaves_the_old_file_untouched()
    {
        var path = Path.Combine(_root, "signed.pdf");
        File.WriteAllText(path, "old");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DurableFile.WriteAsync(path, new byte[1 << 20], cancelled.Token));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_root));
    }

    [Fact]
    public void A_secret_is_created_owner_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(_root, "token-signing.key");

        DurableFile.Write(path, "c2VjcmV0"u8.ToArray(), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_file_that_cannot_be_replaced_fails_with_an_IO_error_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_root, "occupied");
        Directory.CreateDirectory(Path.Combine(path, "inside"));

        Assert.ThrowsAny<IOException>(() => DurableFile.Write(path, "x"u8.ToArray()));

        Assert.Empty(Directory.GetFiles(_root));
    }
}
