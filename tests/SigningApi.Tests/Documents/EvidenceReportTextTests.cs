using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Documents;

/// <summary>
/// The sealed 签署证据报告 is read by the centre, the bank and perhaps a court: every line it prints is
/// Chinese — step names, their details (field names, document kinds, revisions, times in Beijing time),
/// state changes and their reasons, the verification verdicts — never the service's technical lines that
/// the audit chain stores. Read with poppler's pdftotext, an independent reader of the sealed file.
/// </summary>
public sealed class EvidenceReportTextTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    /// <summary>Words of the stored English lines (and of the report's former bilingual headings).</summary>
    private static readonly string[] EnglishWords =
    [
        "application ", "signing", "template", "sha256", "Borrower", "CoBorrower", "LoanOfficer", "loan-contract", "mortgage-contract",
        "deduction-authorization", "evidence-report", "evidence report", "signer(s)", "invited", "last signer", "opened", "signed",
        "certificate", "PNG", "bytes", "AwaitingSignatures", "AwaitingCountersign", "Completed", "fen", "registration", "bank reference",
        "disbursed", "Valid", "signature(s)", "final documents", "deadline", "Every step", "Signers", "chain hash", "Verification",
        "Application", "Generated", "transition", "：workflow", "party:", "applicant:", "simulated",
    ];

    [Fact]
    public async Task Every_line_of_the_sealed_evidence_report_is_Chinese_with_times_in_Beijing_time()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        var application = opened["applicationNumber"]!.GetValue<string>();
        var borrower = await _api.ApplicantAsync(application, "王建国", "510603198804123574", "13881012345");
        var coBorrower = await _api.ApplicantAsync(application, "李秀兰", "510603199007232844", "13990267788");
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(borrower, caseId), HttpStatusCode.OK);
        // An extension while the co-borrower is still to sign: its reason and the SMS it sent are in the report too.
        var officer = await _api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        var newDeadline = opened["expiresAt"]!.GetValue<DateTimeOffset>().AddDays(2);
        await ApiDriver.EnsureAsync(await officer.PostAsJsonAsync($"/api/v1/cases/{caseId}/deadline", new { expiresAt = newDeadline, reason = "共同借款人出差" }), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await _api.ReadConsentAndSignAsync(coBorrower, caseId), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        await ApiDriver.EnsureAsync(await (await _api.AsAsync("seal-officer")).PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);

        var bank = await _api.AsAsync("bank");
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while ((await bank.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>() != "Completed")
        {
            Assert.True(DateTime.UtcNow < until, "the case did not reach Completed");
            await Task.Delay(200);
        }
        var text = PdfText(await bank.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/evidence-report"));
        // Long lines wrap: compared without white space.
        var flat = Flat(text);

        var beijing = newDeadline.ToOffset(TimeSpan.FromHours(8));
        foreach (var line in new[]
        {
            "签署证据报告", $"申请编号：{application}", "签署人", "最终文件与验证结果", "全部步骤",
            $"案件编号 {application}，同时签署",
            "生成个人住房公积金借款合同", "生成抵押合同", "生成委托扣款授权书",
            "向借款人（138****2345）发送签署链接", "向共同借款人（139****7788）发送签署链接",
            "借款人身份核验通过", "向借款人（138****2345）发送验证码", "借款人通过验证码核验",
            "借款人打开个人住房公积金借款合同（第 1 版", "借款人确认签署声明", "借款人提交手写签名",
            "借款人签署个人住房公积金借款合同（第 2 版", "共同借款人签署委托扣款授权书（第 3 版", "共同借款人完成签署",
            $"签署期限由", $"延长至 {beijing:yyyy年M月d日 HH:mm}（北京时间），原因：共同借款人出差",
            "签署期限已延长，短信通知共同借款人（139****7788）",
            "已受理 → 待借款人签署：已邀请 2 位签署人", "待借款人签署 → 待经办人审核签署：最后一位签署人：共同借款人",
            "经办人签署个人住房公积金借款合同（第 4 版", "加盖中心印章",
            "申请抵押登记：不动产权证", "抵押登记证明号", "申请放款 600,000.00元", "放款 600,000.00元，银行业务编号",
            // (The sealed and disbursed notices go out on queues of their own, and may come after the report.)
            "核验最终文件", "：文档有效，共 5 个签名", "已申请放款 → 已放款：银行业务编号",
            "借款人 · 借款人 · 王建国 · 已签署", "共同借款人 · 共同借款人 · 李秀兰 · 已签署",
            "经办人：" + ApiDriver.OfficerId, "审计链头：",
        })
            Assert.True(flat.Contains(Flat(line), StringComparison.Ordinal), $"the report lacks 「{line}」:\n{text}");

        foreach (var word in EnglishWords)
            Assert.False(text.Contains(word, StringComparison.Ordinal), $"the report still prints the English 「{word}」:\n{text}");
    }

    private static string Flat(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    private static string PdfText(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.pdf");
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
