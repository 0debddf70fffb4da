using System.CommandLine;
using OneThing.Durability;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething seal sign</c>: a detached GB/T 38540 v4 SES_Signature over a file's bytes with a seal whose
/// certificate list names the signer (key from a PKCS#12 file, password from <c>$ONETHING_PKI_PASSWORD</c>).
/// </summary>
internal static class SealSignCommand
{
    public static Command Create()
    {
        var seal = new Option<FileInfo>("--seal") { Description = "The seal (SESeal, DER) to sign with.", Required = true };
        var signer = new Option<FileInfo>("--signer-p12") { Description = "PKCS#12 file with the signer's SM2 key; its certificate must be listed in the seal.", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "The content to sign (its SM3 hash goes into TBS_Sign).", Required = true };
        var property = new Option<string?>("--property-info") { Description = "propertyInfo text (ASCII); the content's file name when omitted." };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the SES_Signature (DER).", Required = true };
        var command = new Command("sign", "Write a detached GB/T 38540 v4 seal signature (SES_Signature) over a file.") { seal, signer, input, property, output };
        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, writer =>
        {
            SesSeal parsed;
            var sealDer = File.ReadAllBytes(parseResult.GetValue(seal)!.FullName);
            try
            {
                parsed = SesReader.ReadSeal(sealDer);
            }
            catch (SesFormatException e)
            {
                throw new ArgumentException($"--seal: {e.Message}", e);
            }
            if (parsed.Version < SesWriter.Version)
            {
                throw new ArgumentException($"--seal is a GM/T 0031 v{parsed.Version} seal; signatures are written only with GB/T 38540 v4 seals");
            }
            var password = Environment.GetEnvironmentVariable(PkiCommandSupport.PasswordVariable) is { Length: > 0 } p ? p : PkiOptions.DevelopmentKeyPassword;
            using var key = Pkcs12KeyFile.Load(parseResult.GetValue(signer)!.FullName, password);
            if (key.PrivateKey.Algorithm != KeyAlgorithm.Sm2)
            {
                throw new ArgumentException($"the signer's key is {key.PrivateKey.Algorithm}; GB/T 38540 signatures are SM2");
            }
            var certificate = key.Certificate.GetEncoded();
            if (!parsed.Certificates.Any(c => c.AsSpan().SequenceEqual(certificate)))
            {
                throw new ArgumentException($"the seal '{parsed.Name}' does not list {key.Certificate.SubjectDN} as a holder");
            }
            var content = parseResult.GetValue(input)!;
            var der = SesWriter.WriteSignature(sealDer, DateTimeOffset.UtcNow, File.ReadAllBytes(content.FullName),
                parseResult.GetValue(property) ?? content.Name, certificate, data => key.PrivateKey.Sign(data));
            var path = parseResult.GetValue(output)!.FullName;
            DurableFile.Write(path, der);
            writer.WriteLine($"{path}: GB/T 38540 v4 seal signature by {key.Certificate.SubjectDN} with seal '{parsed.Name}' over {content.Name}");
            return 0;
        }));
        return command;
    }
}
