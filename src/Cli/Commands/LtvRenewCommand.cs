using System.CommandLine;
using OneThing.Durability;
using OneThing.Seal.Pdf;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Ltv;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething ltv-renew --in FILE --out FILE (--pki DIR | --tsa-url URL --tsa-trust PEM)</c>: appends
/// fresh validation data (DSS) and a new document timestamp, extending a B-LTA document's life
/// before its last timestamp's certificate expires. Earlier bytes are never changed.
/// </summary>
internal static class LtvRenewCommand
{
    public static Command Create()
    {
        var inOption = new Option<FileInfo>("--in") { Description = "Signed PDF to renew.", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "Where to write the renewed PDF.", Required = true };
        var command = new Command("ltv-renew", "Append new validation data and a document timestamp (PAdES B-LTA renewal).");
        command.Options.Add(inOption);
        command.Options.Add(outOption);
        var services = new SignServices.Options().AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var input = await File.ReadAllBytesAsync(parseResult.GetValue(inOption)!.FullName, cancellationToken);
                using var trust = SignServices.Create(parseResult, services);
                // The PKI's own TSA imprints with the PKI's family hash (SM3 for SM2); an external TSA gets SHA-256.
                var imprint = trust.Pki is { } pki && parseResult.GetValue(services.TsaUrl) is null ? pki.DigestAlgorithm : (System.Security.Cryptography.HashAlgorithmName?)null;
                var renewed = await new LongTermValidation(trust.Revocation, trust.Timestamps, imprint).ExtendAsync(input, trust.KnownChain, cancellationToken);
                var outPath = parseResult.GetValue(outOption)!.FullName;
                await DurableFile.WriteAsync(outPath, renewed, cancellationToken);
                parseResult.InvocationConfiguration.Output.WriteLine($"{outPath}: {PdfDocumentReader.Open(renewed).Revisions.Count} revisions, new DSS and document timestamp appended");
                return 0;
            }
            catch (PdfFormatException e)
            {
                error.WriteLine($"error: the input is not a readable PDF: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is SigningException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
