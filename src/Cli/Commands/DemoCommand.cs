using System.CommandLine;
using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Rendering;
using OneThing.Durability;
using OneThing.Fonts;
using OneThing.Seal.Pdf;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.ElectronicSeals;
using Org.BouncyCastle.OpenSsl;

namespace OneThing.Cli.Commands;

/// <summary>
/// <c>onething demo --out DIR [--algorithm international|sm2]</c>: renders the sample case's documents and signs
/// each as borrower, co-borrower(s), loan officer and centre seal (B-LTA) with the development PKI of that
/// algorithm family; writes the PDFs and <c>DIR/trust-anchors.pem</c>.
/// </summary>
internal static class DemoCommand
{
    public const string SampleCase = "deyang-couple-equal-instalment.json";

    public static Command Create()
    {
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Directory for the signed PDFs and trust-anchors.pem.", Required = true };
        var caseOption = new Option<FileInfo?>("--case") { Description = $"Contract case JSON (default: the embedded samples/{SampleCase})." };
        var pkiOption = new Option<DirectoryInfo?>("--pki") { Description = "PKI directory (default: DIR/pki, provisioned as a development PKI when missing)." };
        var baseUrlOption = new Option<string>("--pki-base-url") { Description = "Public URL of the PKI's OCSP/CRL services written into new certificates.", DefaultValueFactory = _ => DemoPki.DefaultBaseUrl };
        var algorithmOption = PkiCommandSupport.AlgorithmFamilyOption();
        var command = new Command("demo", "Render the sample case's documents and sign them as every party, ending with the centre seal (B-LTA).");
        command.Options.Add(outOption);
        command.Options.Add(caseOption);
        command.Options.Add(pkiOption);
        command.Options.Add(baseUrlOption);
        command.Options.Add(algorithmOption);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var outDir = parseResult.GetValue(outOption)!.FullName;
            try
            {
                var casePath = parseResult.GetValue(caseOption)?.FullName;
                var contractCase = casePath is null
                    ? ContractCaseJson.Parse(System.Text.Encoding.UTF8.GetString(DemoSampleFiles.Read(SampleCase)))
                    : await ContractCaseJson.LoadAsync(casePath, cancellationToken);
                Directory.CreateDirectory(outDir);
                var pkiDir = parseResult.GetValue(pkiOption)?.FullName ?? Path.Combine(outDir, "pki");
                var algorithm = PkiCommandSupport.ParseFamily(parseResult.GetValue(algorithmOption)!);
                using var pki = DemoPki.OpenOrProvision(pkiDir, parseResult.GetValue(baseUrlOption)!, contractCase.Centre.Name, null, error, algorithm);
                var handwriting = new Dictionary<string, byte[]>
                {
                    ["borrower"] = DemoSampleFiles.Read("borrower.png"),
                    ["co-borrower"] = DemoSampleFiles.Read("co-borrower.png"),
                    ["loan-officer"] = DemoSampleFiles.Read("loan-officer.png"),
                };
                var renderer = new ContractDocumentRenderer();
                byte[]? electronicSeal = null;
                if (pki.KeyAlgorithm == OneThing.Seal.Pki.Keys.KeyAlgorithm.Sm2)
                {
                    // SM2 throughout: the centre seal is also applied as a GB/T 38540 seal, made here by a development seal maker.
                    using var maker = pki.IssueSealMakerKey();
                    var centreSeal = pki.Seals.FirstOrDefault(s => s.CentreName == contractCase.Centre.Name) ?? pki.Seals[0];
                    electronicSeal = ElectronicSealMaker.Make(maker, centreSeal, DateTimeOffset.UtcNow, TimeSpan.FromDays(365));
                    var sealPath = Path.Combine(outDir, $"seal-{centreSeal.SealCode}.esl");
                    await DurableFile.WriteAsync(sealPath, electronicSeal, cancellationToken);
                    output.WriteLine($"{sealPath}: GB/T 38540 v4 seal of {centreSeal.CentreName}, applied with the centre seal");
                }
                var signing = new DemoSigning(pki, handwriting, electronicSeal);
                foreach (var kind in DocumentKinds.All)
                {
                    var document = renderer.Render(contractCase, kind);
                    var signed = await signing.SignAsync(contractCase, document, cancellationToken);
                    var path = Path.Combine(outDir, $"{document.DocumentId}.pdf");
                    await DurableFile.WriteAsync(path, signed, cancellationToken);
                    output.WriteLine($"{path}: {document.PageCount} pages, {document.SignatureFields.Count} signatures + document timestamp, {PdfDocumentReader.Open(signed).Revisions.Count} revisions");
                }
                var anchors = Path.Combine(outDir, "trust-anchors.pem");
                await using (var sw = new StringWriter())
                {
                    var pem = new PemWriter(sw);
                    foreach (var anchor in pki.TrustAnchors)
                    {
                        pem.WriteObject(anchor);
                    }
                    await DurableFile.WriteAsync(anchors, System.Text.Encoding.ASCII.GetBytes(sw.ToString()), cancellationToken);
                }
                output.WriteLine($"{anchors}: trust anchors (development {(algorithm == OneThing.Seal.Pki.Keys.KeyAlgorithm.Sm2 ? "SM2" : "ECDSA P-256")} root)");
                return 0;
            }
            catch (ContractCaseValidationException e)
            {
                error.WriteLine($"error: the case is invalid: {string.Join("; ", e.Problems.Select(p => $"{p.Path}: {p.Message}"))}");
                return 2;
            }
            catch (Exception e) when (e is SigningException or PdfFormatException or FileNotFoundException or KeyNotFoundException or CjkFontMissingException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
