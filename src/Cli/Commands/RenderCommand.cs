using System.CommandLine;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Durability;
using OneThing.Fonts;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething render --case FILE.json --document KIND --out FILE.pdf</c>: renders one contract document.
/// An invalid case prints every problem and exits 2; the output file is replaced only by a complete PDF.
/// </summary>
internal static class RenderCommand
{
    public const int InvalidInput = 2;
    public const int Failure = 1;

    public static Command Create()
    {
        var caseOption = new Option<FileInfo>("--case") { Description = "The contract case (JSON).", Required = true };
        var documentOption = new Option<string>("--document") { Description = "Which document to render.", Required = true };
        documentOption.AcceptOnlyFromAmong([.. DocumentKinds.All]);
        var outOption = new Option<FileInfo>("--out") { Description = "Where to write the PDF.", Required = true };
        var versionOption = new Option<string?>("--template-version") { Description = "Template version (default: the latest)." };

        var command = new Command("render", "Render a contract document from a case file.");
        command.Options.Add(caseOption);
        command.Options.Add(documentOption);
        command.Options.Add(outOption);
        command.Options.Add(versionOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var casePath = parseResult.GetValue(caseOption)!.FullName;
            var outPath = parseResult.GetValue(outOption)!.FullName;
            try
            {
                var contractCase = await ContractCaseJson.LoadAsync(casePath, cancellationToken);
                var document = new ContractDocumentRenderer().Render(contractCase, parseResult.GetValue(documentOption)!, parseResult.GetValue(versionOption));
                await DurableFile.WriteAsync(outPath, document.Pdf, cancellationToken);
                output.WriteLine($"{outPath}: {document.DocumentId}, {document.PageCount} pages, template {document.TemplateId} v{document.TemplateVersion} ({document.TemplateHash[..12]}), fields {string.Join(", ", document.SignatureFields.Select(f => f.FieldName))}");
                return 0;
            }
            catch (ContractCaseValidationException e)
            {
                error.WriteLine($"error: the case {casePath} is invalid ({e.Problems.Count} problem(s)); nothing was written:");
                foreach (var problem in e.Problems) error.WriteLine($"  {problem.Path}: {problem.Message}");
                return InvalidInput;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: cannot read {casePath} or write {outPath}: {e.Message}");
                return Failure;
            }
            catch (Exception e) when (e is KeyNotFoundException or CjkFontMissingException)
            {
                error.WriteLine($"error: {e.Message}");
                return Failure;
            }
        });
        return command;
    }
}
