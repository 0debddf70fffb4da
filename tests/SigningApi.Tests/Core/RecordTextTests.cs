using OneThing.SigningApi.Core;

namespace OneThing.SigningApi.Tests.Core;

/// <summary>
/// The one place recorded lines are said in Chinese: known lines in full sentences (briefly for screens,
/// with digests for the evidence report), state changes with their reasons, and lines no rule knows (an
/// older record, a typed reason) as written but with field names, document kinds and revisions translated.
/// </summary>
public sealed class RecordTextTests
{
    [Fact]
    public void A_known_line_is_a_Chinese_sentence_and_the_report_keeps_its_digest()
    {
        const string line = "CoBorrower1 signed mortgage-contract r3 sha256 ab12 certificate 7f";
        Assert.Equal("共同借款人签署抵押合同（第 3 版）", RecordText.TimelineDetail("document-signed", line));
        Assert.Equal("共同借款人签署抵押合同（第 3 版，SHA-256 摘要 ab12，证书序列号 7f）", RecordText.TimelineDetail("document-signed", line, full: true));
        // ISO times in Beijing time (18:30 UTC is the next day there).
        Assert.Equal("签署期限由 2026年12月9日 02:30（北京时间） 延长至 2026年12月12日 02:30（北京时间），原因：借款人出差",
            RecordText.TimelineDetail("deadline-extended", "2026-12-08T18:30:00.0000000+00:00 → 2026-12-11T18:30:00.0000000+00:00: 借款人出差"));
    }

    [Fact]
    public void State_changes_name_both_states_and_say_the_reason_and_a_typed_reason_passes_as_written()
    {
        Assert.Equal("待借款人签署 → 待经办人审核签署：最后一位签署人：共同借款人", RecordText.AuditDetail("transition", "AwaitingSignatures → AwaitingCountersign: last signer CoBorrower1"));
        Assert.Equal("新建 → 已受理", RecordText.AuditDetail("transition", "(new) → Opened"));
        Assert.Equal("申请撤回", RecordText.TransitionReason("Cancelled", "申请撤回"));
    }

    [Fact]
    public void A_line_no_rule_knows_keeps_its_words_with_fields_kinds_and_revisions_translated()
    {
        Assert.Equal("借款人 left 个人住房公积金借款合同 第 2 版 unread", RecordText.TimelineDetail("document-read", "Borrower left loan-contract r2 unread"));
        Assert.Equal("", RecordText.TimelineDetail("signer-signed", null));
        Assert.Equal("个人住房公积金借款合同（第 5 版）：文档无效，共 3 个签名；问题：revoked", RecordText.VerificationResult("loan-contract@5: Invalid, 3 signature(s); revoked"));
    }
}
