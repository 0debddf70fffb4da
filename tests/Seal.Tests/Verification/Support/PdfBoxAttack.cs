using OneThing.Seal.Tests.Support;

namespace OneThing.Seal.Tests.Verification.Support;

/// <summary>Runs Attacks/PdfBoxAttacks.java with Apache PDFBox 2 (Debian libpdfbox2-java): attacks made by a tool other than the product.</summary>
public static class PdfBoxAttack
{
    private static readonly string ClassPath = string.Join(':', "/usr/share/java/pdfbox2.jar", "/usr/share/java/fontbox2.jar", "/usr/share/java/commons-logging.jar");

    public static byte[] Apply(string attack, byte[] pdf)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("in.pdf"), pdf);
        var source = Path.Combine(RepositoryFiles.Root, "tests/Seal.Tests/Verification/Attacks/PdfBoxAttacks.java");
        var result = ExternalTool.Run("java", ["-cp", ClassPath, source, attack, dir.File("in.pdf"), dir.File("out.pdf")]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"PDFBox attack '{attack}' failed: {result.Output}");
        }
        return File.ReadAllBytes(dir.File("out.pdf"));
    }
}
