using System.Text;
using OneThing.Storage.Documents;

namespace OneThing.Storage.Tests.Support;

public static class Samples
{
    public const string Pdf = "application/pdf";

    /// <summary>A distinct key per call so tests never share a revision.</summary>
    public static DocumentKey NewKey(int revision = 1) =>
        new("centre-510600", "case-" + Guid.NewGuid().ToString("N")[..12], "loan-contract", revision);

    /// <summary>PDF-looking bytes of the given size; the text makes each call distinct.</summary>
    public static byte[] Document(string text, int size = 4096)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        var header = Encoding.ASCII.GetBytes("%PDF-1.7\n% " + text + "\n");
        header.CopyTo(bytes, 0);
        return bytes;
    }
}
