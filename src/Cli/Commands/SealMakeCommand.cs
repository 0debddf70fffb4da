using System.CommandLine;
using OneThing.Durability;
using OneThing.Seal.Crypto.Ses;
using OneThing.Seal.Pki;
using OneThing.Seal.Pki.Keys;
using Org.BouncyCastle.X509;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething seal make</c>: writes a GB/T 38540 v4 SESeal (DER) naming the certificates that may sign with it,
/// with the seal picture, signed by the seal maker's SM2 key from a PKCS#12 file (password from
/// <c>$ONETHING_PKI_PASSWORD</c>, the development default otherwise).
/// </summary>
internal static class SealMakeCommand
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static Command Create()
    {
        var maker = new Option<FileInfo>("--maker-p12") { Description = "PKCS#12 file with the seal maker's SM2 key and certificate.", Required = true };
        var signers = new Option<FileInfo[]>("--signer-cert") { Description = "PEM certificate of a holder who may sign with the seal (repeatable).", Required = true, Arity = ArgumentArity.OneOrMore };
        var name = new Option<string>("--name") { Description = "Seal name (印章名称), e.g. 德阳市住房公积金管理中心合同专用章.", Required = true };
        var type = new Option<int>("--type") { Description = "Seal type code written into the seal (as the seal management rules assign it).", DefaultValueFactory = _ => 1 };
        var picture = new Option<FileInfo>("--picture") { Description = "Seal picture (PNG).", Required = true };
        var width = new Option<int>("--width-mm") { Description = "Displayed width in millimetres.", DefaultValueFactory = _ => 40 };
        var height = new Option<int>("--height-mm") { Description = "Displayed height in millimetres.", DefaultValueFactory = _ => 40 };
        var days = new Option<int>("--valid-days") { Description = "Validity from now, in days.", DefaultValueFactory = _ => 365 };
        var esId = new Option<string?>("--esid") { Description = "Seal identifier (esID); a new one when omitted." };
        var vendor = new Option<string>("--vendor") { Description = "Vendor id in the seal header.", DefaultValueFactory = _ => "OneThing" };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the seal (DER).", Required = true };
        var command = new Command("make", "Write a GB/T 38540 v4 seal (SESeal) signed by the seal maker's SM2 key.")
        {
            maker, signers, name, type, picture, width, height, days, esId, vendor, output,
        };
        command.SetAction(parseResult => PkiCommandSupport.Run(parseResult, writer =>
        {
            var password = Environment.GetEnvironmentVariable(PkiCommandSupport.PasswordVariable) is { Length: > 0 } p ? p : PkiOptions.DevelopmentKeyPassword;
            using var key = Pkcs12KeyFile.Load(parseResult.GetValue(maker)!.FullName, password);
            if (key.PrivateKey.Algorithm != KeyAlgorithm.Sm2)
            {
                throw new ArgumentException($"the seal maker's key is {key.PrivateKey.Algorithm}; GB/T 38540 seals are signed with SM2");
            }
            var image = File.ReadAllBytes(parseResult.GetValue(picture)!.FullName);
            if (!image.AsSpan().StartsWith(PngSignature))
            {
                throw new ArgumentException("--picture must be a PNG file");
            }
            var certificates = parseResult.GetValue(signers)!.SelectMany(f => ReadPem(f.FullName)).ToList();
            var validDays = parseResult.GetValue(days);
            if (validDays <= 0 || parseResult.GetValue(width) <= 0 || parseResult.GetValue(height) <= 0)
            {
                throw new ArgumentException("--valid-days, --width-mm and --height-mm must be positive");
            }
            var now = DateTimeOffset.UtcNow;
            var request = new SesSealRequest(
                parseResult.GetValue(vendor)!,
                parseResult.GetValue(esId) ?? $"{now:yyyyMMdd}{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}",
                parseResult.GetValue(type),
                parseResult.GetValue(name)!,
                [.. certificates.Select(c => c.GetEncoded())],
                now,
                now,
                now.AddDays(validDays),
                new SesPicture("png", image, parseResult.GetValue(width), parseResult.GetValue(height)));
            var der = SesWriter.WriteSeal(request, key.Certificate.GetEncoded(), data => key.PrivateKey.Sign(data));
            var path = parseResult.GetValue(output)!.FullName;
            DurableFile.Write(path, stream => stream.Write(der));
            writer.WriteLine($"{path}: GB/T 38540 v4 seal '{request.Name}' (esID {request.EsId}), {certificates.Count} signer certificate(s), valid until {request.ValidEnd:u}, signed by {key.Certificate.SubjectDN}");
            return 0;
        }));
        return command;
    }

    private static List<X509Certificate> ReadPem(string path)
    {
        var certificates = new X509CertificateParser().ReadCertificates(File.ReadAllBytes(path)).ToList();
        return certificates.Count > 0 ? certificates : throw new ArgumentException($"{path} holds no certificate");
    }
}
