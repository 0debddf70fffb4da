namespace OneThing.ContractTemplates.Tests.Support;

/// <summary>
/// Compares output with an approved file kept in the repository (Verify is not served here). On a mismatch, or
/// when no approved file exists yet, the output is written next to it as <c>NAME.received.EXT</c> and the test
/// fails; to approve, inspect the received file and rename it over <c>NAME.approved.EXT</c>.
/// </summary>
public static class SnapshotComparer
{
    public static void AssertMatches(string name, string extension, byte[] actual)
    {
        var approved = Path.Combine(RepositoryPaths.Snapshots, $"{name}.approved.{extension}");
        var received = Path.Combine(RepositoryPaths.Snapshots, $"{name}.received.{extension}");
        if (File.Exists(approved))
        {
            var expected = File.ReadAllBytes(approved);
            if (expected.AsSpan().SequenceEqual(actual))
            {
                File.Delete(received);
                return;
            }
            File.WriteAllBytes(received, actual);
            Assert.Fail($"{name}: output differs from the approved snapshot at byte {FirstDifference(expected, actual)} " +
                $"(approved {expected.Length} bytes, received {actual.Length}). Inspect {received}; if the change is intended, move it over {approved}.");
        }
        File.WriteAllBytes(received, actual);
        Assert.Fail($"{name}: no approved snapshot yet. Inspect {received} and rename it to {approved} to approve it.");
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i]) return i;
        }
        return length;
    }
}
