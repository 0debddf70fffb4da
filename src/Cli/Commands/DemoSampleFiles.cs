namespace OneThing.Cli.Commands;

/// <summary>The sample case and handwriting images embedded in the tool (from the repository's samples/).</summary>
internal static class DemoSampleFiles
{
    public static byte[] Read(string fileName)
    {
        using var stream = typeof(DemoSampleFiles).Assembly.GetManifestResourceStream("samples/" + fileName)
            ?? throw new FileNotFoundException($"sample {fileName} is not embedded in this build of onething");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
