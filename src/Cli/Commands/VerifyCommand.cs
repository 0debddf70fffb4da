using System.CommandLine;
using OneThing.Seal.Verification;
using OneThing.Seal.Verification.Report;
using OneThing.Seal.Verification.Trust;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething verify FILE.pdf [--trust anchors.pem ...] [--json] [--online]</c>: the offline
/// verifier a bank runs on a sealed contract. Exit 0 only when everything is valid and trusted,
/// 1 when the PDF is readable but something fails (the report says what), 2 when the input
/// (the PDF or a trust-anchor file) cannot be read.
/// </summary>
internal static class VerifyCommand
{
    public const int Valid = 0;
    public const int NotValid = 1;
    public const int Unreadable = 2;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The signed PDF to verify." };
        var trust = new Option<FileInfo[]>("--trust")
        {
            Description = "PEM file(s) with the trust anchors (e.g. the centre's root CA); repeat for several.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of text." };
        var online = new Option<bool>("--online") { Description = "Fetch missing revocation data from the certificates' OCSP/CRL addresses (bounded timeouts)." };
        var command = new Command("verify", "Verify every signature, timestamp and later change of a signed PDF (exit 0 valid, 1 not valid, 2 unreadable).")
        {
            file, trust, json, online,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var input = parseResult.GetValue(file)!;
            var anchorFiles = parseResult.GetValue(trust) ?? [];
            var useOnline = parseResult.GetValue(online);

            var anchors = await VerifyInputs.ReadAnchorsAsync(anchorFiles, cancellationToken);
            if (anchors.Error is not null)
            {
                await error.WriteLineAsync($"onething verify: {anchors.Error}");
                return Unreadable;
            }
            var pdf = await VerifyInputs.ReadPdfAsync(input, new VerificationOptions().MaxFileBytes, cancellationToken);
            if (pdf.Error is not null)
            {
                await error.WriteLineAsync($"onething verify: {pdf.Error}");
                return Unreadable;
            }

            using var http = useOnline ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : null;
            var verifier = PdfSignatureVerifier.Create(http: http);
            var report = await verifier.VerifyAsync(pdf.Bytes, input.Name, new VerificationRequest(anchors.Anchors!, useOnline), cancellationToken);
            await output.WriteAsync(parseResult.GetValue(json) ? JsonReportWriter.Write(report) + Environment.NewLine : TextReportWriter.Write(report));
            if (report.Verdict == Verdict.Unreadable)
            {
                await error.WriteLineAsync($"onething verify: {input.Name}: {report.Problems.FirstOrDefault()}");
            }
            return report.Verdict switch
            {
                Verdict.Valid => Valid,
                Verdict.Invalid => NotValid,
                _ => Unreadable,
            };
        });
        return command;
    }
}
