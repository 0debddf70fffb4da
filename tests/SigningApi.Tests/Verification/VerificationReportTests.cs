using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Verification;

/// <summary>
/// The printed 验签报告: a PDF in Chinese (read back with pdftotext) stating the verdict and the match to the
/// centre's record for whoever may see it, sealed by the centre so that the service's own verifier — the same
/// any bank would use on it later — finds it intact and sealed to B-LTA.
/// </summary>
public sealed class VerificationReportTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task The_borrowers_copy_gets_a_sealed_chinese_report_naming_its_case_for_the_bank_and_nothing_of_it_for_another_bank()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var contract = opened["contractNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(opened["applicationNumber"]!.GetValue<string>(), "王建国", "510603198804123574", "13881012345");
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        var copy = await borrower.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");

        var bank = await _api.AsAsync("bank", "clerk-7");
        var response = await bank.PostAsync("/api/v1/verify/report", Upload(copy, "借款合同.pdf"));
        await ApiDriver.EnsureAsync(response, HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var report = await response.Content.ReadAsByteArrayAsync();
        var text = PdfText(report);
        Assert.Contains("验签报告", text, StringComparison.Ordinal);
        Assert.Contains("有效：全部签名完整可信", text, StringComparison.Ordinal);
        Assert.Contains("不是最终盖章版本", text, StringComparison.Ordinal);
        Assert.Contains(contract, text, StringComparison.Ordinal);
        Assert.Contains("借款人 王*国", text, StringComparison.Ordinal);
        Assert.Contains("王建国 的签名（借款人）", text, StringComparison.Ordinal);
        Assert.Contains("clerk-7", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Borrower", text, StringComparison.Ordinal);

        // The report itself carries the centre's seal, taken to B-LTA, and nothing after it.
        var verified = (await (await bank.PostAsync("/api/v1/verify", Upload(report, "report.pdf"))).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Valid", verified["verdict"]!.GetValue<string>());
        var seal = verified["signatures"]!.AsArray().Single(s => s!["fieldName"]!.GetValue<string>() == "CentreSeal")!;
        Assert.Contains("德阳市住房公积金管理中心", seal["signer"]!["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("BLTA", seal["level"]!.GetValue<string>());

        // Another bank gets a report too (sealed by the only centre), but it names no case.
        var other = await _api.AsAsync("bank", "other-clerk", bank: "ICBC-XX");
        var foreign = await other.PostAsync("/api/v1/verify/report", Upload(copy, "x.pdf"));
        await ApiDriver.EnsureAsync(foreign, HttpStatusCode.OK);
        var foreignText = PdfText(await foreign.Content.ReadAsByteArrayAsync());
        Assert.Contains("没有与本文件完全一致的存档版本", foreignText, StringComparison.Ordinal);
        Assert.DoesNotContain(contract, foreignText, StringComparison.Ordinal);

        await ApiDriver.ProblemAsync(await bank.PostAsync("/api/v1/verify/report", Upload("not a pdf"u8.ToArray(), "a.pdf")), HttpStatusCode.UnsupportedMediaType, "not-a-pdf");
    }

    private static MultipartFormDataContent Upload(byte[] pdf, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return form;
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"verify-report-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return ExternalTool.Run("pdftotext", "-enc", "UTF-8", file, "-").Output;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
