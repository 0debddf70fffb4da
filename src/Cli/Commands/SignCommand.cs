using System.CommandLine;
using OneThing.Durability;
using OneThing.Seal.Pdf;
using OneThing.Seal.Pki.Keys;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething sign --in FILE --out FILE --field NAME --p12 KEY.p12 --password PW (--pki DIR | --tsa-url …)</c>:
/// signs one empty signature field at PAdES B-T (optionally with a handwriting image, or locking all fields).
/// </summary>
internal static class SignCommand
{
    public static Command Create()
    {
        var inOption = new Option<FileInfo>("--in") { Description = "PDF with an empty signature field.", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "Where to write the signed PDF.", Required = true };
        var fieldOption = new Option<string>("--field") { Description = "Signature field name (/T), e.g. Borrower.", Required = true };
        var p12Option = new Option<FileInfo>("--p12") { Description = "PKCS#12 file with the signing key and certificate chain.", Required = true };
        var passwordOption = new Option<string>("--password") { Description = "Password of the PKCS#12 file.", Required = true };
        var imageOption = new Option<FileInfo?>("--image") { Description = "Handwritten signature PNG for a visible appearance." };
        var nameOption = new Option<string?>("--name") { Description = "Signer name shown under the image (default: certificate CN)." };
        var reasonOption = new Option<string?>("--reason") { Description = "Reason for signing." };
        var lockOption = new Option<bool>("--lock-all") { Description = "Make the document final: lock every field, permit only DSS updates and document timestamps after (what the centre seal does)." };
        var command = new Command("sign", "Sign a signature field of a PDF (PAdES B-T) with a PKCS#12 key.");
        foreach (var option in new Option[] { inOption, outOption, fieldOption, p12Option, passwordOption, imageOption, nameOption, reasonOption, lockOption })
        {
            command.Options.Add(option);
        }
        var services = new SignServices.Options().AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var input = await File.ReadAllBytesAsync(parseResult.GetValue(inOption)!.FullName, cancellationToken);
                using var key = Pkcs12KeyFile.Load(parseResult.GetValue(p12Option)!.FullName, parseResult.GetValue(passwordOption)!);
                using var trust = SignServices.Create(parseResult, services);
                var name = parseResult.GetValue(nameOption) ?? key.Certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN).FirstOrDefault() ?? "";
                var image = parseResult.GetValue(imageOption);
                var request = new SignatureRequest
                {
                    FieldName = parseResult.GetValue(fieldOption)!,
                    Key = key,
                    SignerName = name,
                    Reason = parseResult.GetValue(reasonOption),
                    LockAllFields = parseResult.GetValue(lockOption),
                    Appearance = image is null ? null : new HandwrittenSignatureAppearance(await File.ReadAllBytesAsync(image.FullName, cancellationToken), name),
                };
                var signed = await new PadesSigner(trust.Timestamps).SignAsync(input, request, cancellationToken);
                var outPath = parseResult.GetValue(outOption)!.FullName;
                await DurableFile.WriteAsync(outPath, signed, cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine($"{outPath}: field {request.FieldName} signed by {key.Certificate.SubjectDN}");
                return 0;
            }
            catch (PdfFormatException e)
            {
                error.WriteLine($"error: the input is not a readable PDF: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is SigningException or IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException or ArgumentException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Pkcs.PkcsException)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
