// Renders a verification report (Seal's JSON report) in plain Chinese: the verdict first, then for
// each signature who signed, when, which timestamp authority vouches for the time, whether it is
// valid and why not, its PAdES level, and what changed after signing.
import { h, formatTime, formatBytes } from './dom.js';
import { label, pdfLevel, checkKind, checkStatus } from './labels.js';
import { fieldLabel } from './record-text.js';

/** The common name from an X.500 subject such as "CN=王建国, SERIALNUMBER=…, O=…". */
export function commonName(subject) {
  if (!subject) return '—';
  const match = /(?:^|,\s*)CN=([^,]+)/.exec(subject);
  return match ? match[1].trim() : subject;
}

function verdictText(report) {
  switch (report.verdict) {
    case 'Valid': return '有效：全部签名完整可信，时间戳有效，签名后没有不允许的修改。';
    case 'Invalid': return '无效：至少有一项检查未通过或无法确定，请勿依赖此文件。';
    default: return '无法读取：这不是可识别的 PDF 文件。';
  }
}

function signatureTitle(sig, index) {
  if (sig.kind === 'DocumentTimestamp') return `第 ${index + 1} 项：文档时间戳`;
  return `第 ${index + 1} 项：${commonName(sig.signer?.subject)} 的签名（${fieldLabel(sig.fieldName)}）`;
}

// One sentence per failed check that a bank clerk can act on; the technical detail stays one click away.
const ORIGINAL = '请向公积金中心索取原件。';
const PLAIN = {
  Integrity: `签署后文件被修改，${ORIGINAL}`,
  ByteRange: `签名没有按规定覆盖文件，文件可能被拼接或改动，${ORIGINAL}`,
  Coverage: `签名之后文件又被追加了内容，${ORIGINAL}`,
  CmsSignature: `签名值与文件内容不符，文件或签名已损坏，${ORIGINAL}`,
  SigningCertificateBinding: '签名与所附证书不对应，无法确认签署人，请向公积金中心核实。',
  CertificateChain: '签名证书不是由本核验服务信任的机构签发，请确认文件来自公积金中心，或向中心核实。',
  Revocation: '无法确认签名证书在签署时未被吊销，请使用公积金中心盖章后的最终版本，或向中心核实。',
  SignatureTimestamp: '签名没有有效的可信时间戳，无法证明签署时间，请使用公积金中心盖章后的最终版本。',
  DocumentTimestamp: `文档时间戳无效，无法证明文件在该时间后未被改动，${ORIGINAL}`,
  SigningTime: '签名声称的时间与可信时间戳不一致，请向公积金中心核实。',
  Modifications: `签名后文件有不允许的修改，${ORIGINAL}`,
};

/** The failed checks of a signature: a plain sentence each, with the check and its detail behind a disclosure. */
function whyNot(sig) {
  const failed = [...(sig.checks ?? []), ...(sig.timestamp?.checks ?? [])].filter(c => c.status === 'Failed' || c.status === 'Indeterminate');
  const seen = new Set();
  return failed.filter(c => !seen.has(PLAIN[c.kind] ?? c.kind) && seen.add(PLAIN[c.kind] ?? c.kind)).map(c =>
    h('li', { class: 'reason' },
      h('span', { class: 'reason-text' }, PLAIN[c.kind] ?? `“${label(checkKind, c.kind)}”检查未通过，请向公积金中心核实。`),
      h('details', { class: 'reason-detail' }, h('summary', {}, '技术细节'),
        h('p', {}, `${label(checkKind, c.kind)}：${label(checkStatus, c.status)}（${c.detail}）`))));
}

function changesAfter(report, sig) {
  const later = (report.revisions ?? []).filter(r => sig.revision !== null && sig.revision !== undefined && r.index > sig.revision);
  if (later.length === 0) return ['签名之后文件没有再被修改。'];
  return later.map(r => {
    const added = r.signaturesAdded?.length ? `，新增签名 ${r.signaturesAdded.map(fieldLabel).join('、')}` : '';
    const verdict = r.classification === 'Disallowed' ? '含有不允许的修改' : '仅含允许的修改（后续签名、时间戳或验证数据）';
    const disallowed = (r.changes ?? []).filter(c => !c.allowed).map(c => `${c.object}：${c.reason}`);
    return `第 ${r.index + 1} 版${added}：${verdict}${disallowed.length ? `（${disallowed.join('；')}）` : ''}`;
  });
}

function row(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function renderSignature(report, sig, index, idPrefix, headingLevel) {
  const valid = sig.isValid;
  const problems = whyNot(sig);
  const tsa = sig.timestamp?.authority ? commonName(sig.timestamp.authority.subject) : null;
  // An article, not a section: named sections are landmarks, and the console lists several reports
  // whose signatures would repeat the same landmark names.
  return h('article', { class: `signature ${valid ? 'is-valid' : 'is-invalid'}`, 'aria-labelledby': `${idPrefix}-sig-${index}` },
    h(`h${headingLevel}`, { id: `${idPrefix}-sig-${index}` }, signatureTitle(sig, index)),
    h('p', { class: `badge ${valid ? 'badge-ok' : 'badge-bad'}` }, valid ? '✔ 有效' : '✘ 无效'),
    h('dl', { class: 'facts' },
      sig.kind !== 'DocumentTimestamp' ? row('签署人', commonName(sig.signer?.subject)) : null,
      sig.signer ? row('签发机构', commonName(sig.signer.issuer)) : null,
      row('可信时间', sig.timestampedTime ? formatTime(sig.timestampedTime) : '无可信时间戳'),
      sig.claimedTime ? row('签署人声称的时间', formatTime(sig.claimedTime)) : null,
      row('时间戳机构', tsa ?? '—'),
      row('签名级别', label(pdfLevel, sig.level)),
      row('签名算法', [sig.digestAlgorithm, sig.signatureAlgorithm].filter(Boolean).join(' / ') || '—'),
      row('签名后的修改', h('ul', {}, changesAfter(report, sig).map(t => h('li', {}, t)))),
      problems.length ? row('无效原因', h('ul', { class: 'reasons' }, problems)) : null,
    ),
    h('details', {},
      h('summary', {}, '全部检查项'),
      h('table', { class: 'checks' },
        h('caption', { class: 'visually-hidden' }, `${signatureTitle(sig, index)} 的检查项`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '检查'), h('th', { scope: 'col' }, '结果'), h('th', { scope: 'col' }, '说明'))),
        h('tbody', {}, [...(sig.checks ?? []), ...(sig.timestamp?.checks ?? [])].map(c =>
          h('tr', {}, h('td', {}, label(checkKind, c.kind)), h('td', { class: `status-${c.status}` }, label(checkStatus, c.status)), h('td', {}, c.detail)))))));
}

// Several reports can share a page (the console shows one per sealed document): ids must stay unique.
let reportsRendered = 0;

/** @param headingLevel level of each signature's heading, one below the heading the report sits under. */
export function renderReport(report, { headingLevel = 3 } = {}) {
  const idPrefix = `report-${++reportsRendered}`;
  const ok = report.verdict === 'Valid';
  const signatures = report.signatures ?? [];
  return h('article', { class: 'report', 'aria-label': `核验报告：${report.fileName}` },
    h('div', { class: `verdict ${ok ? 'verdict-ok' : 'verdict-bad'}`, role: 'status' },
      h('p', { class: 'verdict-title' }, ok ? '核验结论：有效' : report.verdict === 'Invalid' ? '核验结论：无效' : '核验结论：无法读取'),
      h('p', {}, verdictText(report))),
    h('dl', { class: 'facts' },
      row('文件', report.fileName),
      row('大小', formatBytes(report.fileSize)),
      row('SHA-256', h('code', { class: 'hash' }, report.sha256)),
      row('核验时间', formatTime(report.verifiedAt)),
      row('签名数量', String(signatures.length))),
    // The verifier's problem lines are technical English: each signature below says the same in Chinese.
    report.problems?.length ? h('details', { class: 'problems-detail' },
      h('summary', {}, `技术细节：核验程序列出的 ${report.problems.length} 个问题`), h('ul', {}, report.problems.map(p => h('li', {}, p)))) : null,
    signatures.map((s, i) => renderSignature(report, s, i, idPrefix, headingLevel)));
}
