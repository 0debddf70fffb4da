using OneThing.Durability;

namespace OneThing.Durability.Tests;

/// <summary>Stores sync folders after creating or renaming entries in them; a folder that cannot be synced is an error, not silence.</summary>
public sealed class DirectorySyncTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "onething-dirsync-" + Guid.NewGuid().ToString("N"));

    public DirectorySyncTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void An_existing_folder_is_synced()
    {
        File.WriteAllBytes(Path.Combine(_root, "entry"), [1]);
        DirectorySync.Flush(_root);
    }

    [Fact]
    public void A_missing_folder_fails_with_its_path_and_the_reason()
    {
        var missing = Path.Combine(_root, "gone");
        var error = Assert.Throws<IOException>(() => DirectorySync.Flush(missing));
        Assert.Contains(missing, error.Message);
        Assert.Contains("No such file or directory", error.Message);
    }

    [Fact]
    public void Creating_a_folder_makes_every_missing_folder_above_it()
    {
        var deep = Path.Combine(_root, "centre", "case", "document");

        DirectorySync.CreateDirectory(deep);
        DirectorySync.CreateDirectory(deep); // already there: nothing to do

        Assert.True(Directory.Exists(deep));
    }
}
