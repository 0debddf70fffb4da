// The service records each step's detail and each state change's reason as a fixed technical line
// (field names, document kinds, revisions, digests, ISO times: the audit chain hashes them as written).
// Staff read them in Chinese: each known line is said again in Chinese here (the server says the same
// in Core/RecordText.cs for the sealed evidence report: change both together), the original stays one
// click away, and anything not recognised still has its field names and document kinds translated.
import { formatTime } from './dom.js';
import { formatYuan } from './money.js';
import { label, caseStatus, documentKind, fieldName } from './labels.js';

/** Borrower → 借款人, CoBorrower2 → 共同借款人（二）, DocTimeStamp1 → 文档时间戳. */
export function fieldLabel(name) {
  if (fieldName[name]) return fieldName[name];
  if (/^DocTimeStamp\d*$/.test(name)) return fieldName.DocumentTimestamp;
  return name;
}

const kind = k => label(documentKind, k);
const version = r => `第 ${r} 版`;
const FIELD = '(Borrower|CoBorrower\\d*|LoanOfficer|CentreSeal)';
const KIND = '([a-z-]+)';
const TIME = '(\\d{4}-\\d{2}-\\d{2}T[^ ,;:]+(?::[^ ,;]+)*)';

/** [pattern, Chinese] per timeline action, in the order the server writes them (Core/CaseStatusChanges.cs and the services). */
const TIMELINE = {
  'case-opened': [[/^application (\S+), (Parallel|Sequential) signing$/, (_, n, o) => `案件编号 ${n}，${o === 'Sequential' ? '依次签署' : '同时签署'}`]],
  'document-rendered': [[new RegExp(`^${KIND} (\\S+) template (\\S+) sha256 \\w+$`), (_, k, id, t) => `生成${kind(k)}（模板版本 ${t.split('@')[1] ?? t}）`]],
  'signer-invited': [[new RegExp(`^${FIELD} → (\\S+)$`), (_, f, p) => `向${fieldLabel(f)}（${p}）发送签署链接`],
    [new RegExp(`^${FIELD} → (\\S+): their turn after ${FIELD} signed$`), (_, f, p, before) => `${fieldLabel(before)}已签署，轮到${fieldLabel(f)}：向其（${p}）发送签署链接`]],
  'signer-reinvited': [[new RegExp(`^${FIELD} → (\\S+); (\\d+) earlier link\\(s\\) withdrawn(; the live access session ended)?$`),
    (_, f, p, n, ended) => `向${fieldLabel(f)}（${p}）发送新的签署链接，${n} 个旧链接失效${ended ? '，原登录会话结束' : ''}`]],
  'identity-verified': [[new RegExp(`^${FIELD}$`), (_, f) => `${fieldLabel(f)}身份核验通过`],
    [new RegExp(`^${FIELD} \\(again, on another client.*\\)$`), (_, f) => `${fieldLabel(f)}在另一设备上再次通过身份核验（验证码步骤随之转到该设备）`]],
  'identity-failed': [[new RegExp(`^${FIELD}: name or ID number did not match$`), (_, f) => `${fieldLabel(f)}：姓名或身份证号不符`]],
  'link-locked': [[new RegExp(`^${FIELD}: (\\d+) failed identity checks$`), (_, f, n) => `${fieldLabel(f)}：身份核验连续 ${n} 次未通过，链接已锁定`],
    [new RegExp(`^${FIELD}: (\\d+) wrong codes$`), (_, f, n) => `${fieldLabel(f)}：验证码连续 ${n} 次错误，链接已锁定`]],
  'code-sent': [[new RegExp(`^${FIELD} → (\\S+)$`), (_, f, p) => `向${fieldLabel(f)}（${p}）发送验证码`]],
  'code-failed': [[new RegExp(`^${FIELD}$`), (_, f) => `${fieldLabel(f)}输入的验证码错误`]],
  'access-granted': [[new RegExp(`^${FIELD}$`), (_, f) => `${fieldLabel(f)}通过验证码核验`],
    [new RegExp(`^${FIELD}: new session; .*$`), (_, f) => `${fieldLabel(f)}开始新的会话，此前的阅读、确认和手写签名不再计入`]],
  'document-read': [[new RegExp(`^${FIELD} opened ${KIND} r(\\d+) sha256 \\w+$`), (_, f, k, r) => `${fieldLabel(f)}打开${kind(k)}（${version(r)}）`]],
  'consent-accepted': [[new RegExp(`^${FIELD} sha256 \\w+$`), (_, f) => `${fieldLabel(f)}确认签署声明`]],
  'handwriting-received': [[new RegExp(`^${FIELD} PNG (\\d+) bytes sha256 \\w+$`), (_, f) => `${fieldLabel(f)}提交手写签名`]],
  'device-signing-prepared': [[new RegExp(`^${FIELD}: certificate (\\w+) for the device key, valid until ${TIME}$`),
    (_, f, serial, t) => `为${fieldLabel(f)}的设备密钥签发证书 ${serial}，有效至 ${formatTime(t)}`]],
  'document-signed': [[new RegExp(`^${FIELD} signed ${KIND} r(\\d+) sha256 \\w+ certificate (\\w*)$`), (_, f, k, r) => `${fieldLabel(f)}签署${kind(k)}（${version(r)}）`]],
  'signer-signed': [[new RegExp(`^${FIELD}$`), (_, f) => `${fieldLabel(f)}完成签署`]],
  'signer-declined': [[new RegExp(`^${FIELD}: ([\\s\\S]*)$`), (_, f, why) => `${fieldLabel(f)}拒签，原因：${why}`]],
  'case-expired': [[new RegExp(`^signing period ended ${TIME}$`), (_, t) => `签署期限已于 ${formatTime(t)} 届满`]],
  countersigned: [[new RegExp(`^${KIND} r(\\d+) sha256 \\w+$`), (_, k, r) => `经办人签署${kind(k)}（${version(r)}）`]],
  sealed: [[new RegExp(`^${KIND} r(\\d+) sha256 \\w+ seal (\\S+) \\(PAdES B-LTA\\)$`), (_, k, r, s) => `${kind(k)}（${version(r)}）加盖中心印章 ${s}（PAdES B-LTA）`]],
  'download-link-issued': [[new RegExp(`^${KIND} r(\\d+) until ${TIME}$`), (_, k, r, t) => `签发${kind(k)}（${version(r)}）下载链接，有效至 ${formatTime(t)}`]],
  'mortgage-registration-requested': [[/^(.+): property (\S+), mortgage contract r(\d+) sha256 \w+$/, (_, reg, cert, r) => `向${reg}申请抵押登记：不动产权证 ${cert}，抵押合同${version(r)}`]],
  'mortgage-registered': [[/^registration (\S+)$/, (_, n) => `抵押登记证明号 ${n}`]],
  'disbursement-requested': [[/^bank (\S+): (\d+) fen, mortgage registration (\S+)$/, (_, b, fen, n) => `向银行 ${b} 申请放款 ${formatYuan(Number(fen))}，抵押登记证明号 ${n}`]],
  'loan-disbursed': [[new RegExp(`^(\\d+) fen disbursed ${TIME}, bank reference (\\S+)$`), (_, fen, t, ref) => `银行于 ${formatTime(t)} 放款 ${formatYuan(Number(fen))}，银行业务编号 ${ref}`]],
  'case-completed': [[/^evidence report sha256 \w+$/, () => '签署证据报告已盖章，案件办结']],
  'applicants-notified': [[/^(sealed|disbursed|deadline): (.*)$/, (_, what, told) =>
    `${{ sealed: '合同已盖章', disbursed: '贷款已发放', deadline: '签署期限已延长' }[what]}，短信通知${told.split(', ').filter(Boolean).map(t => wordsOnly(t).replace(' → ', '（') + '）').join('、') || '（无已签署的申请人）'}`]],
  'deadline-extended': [[new RegExp(`^${TIME} → ${TIME}: ([\\s\\S]*)$`), (_, from, to, why) => `签署期限由 ${formatTime(from)} 延长至 ${formatTime(to)}，原因：${why}`]],
};

/** [pattern, Chinese] per target state of a transition (reasons written in Core/CaseStatusChanges.cs). */
const REASONS = {
  AwaitingSignatures: [[/^(\d+) signer\(s\) invited$/, (_, n) => `已邀请 ${n} 位签署人`],
    [/^(\d+) of (\d+) signer\(s\) invited$/, (_, n, all) => n === all ? `已邀请 ${n} 位签署人` : `已邀请 ${all} 位签署人中的 ${n} 位（依次签署，其余轮到时邀请）`]],
  AwaitingCountersign: [[new RegExp(`^last signer ${FIELD}$`), (_, f) => `最后一位签署人：${fieldLabel(f)}`]],
  Declined: [[new RegExp(`^${FIELD}: ([\\s\\S]*)$`), (_, f, why) => `${fieldLabel(f)}拒签，原因：${why}`]],
  Expired: [[new RegExp(`^signing period ended ${TIME}$`), (_, t) => `签署期限已于 ${formatTime(t)} 届满`]],
  MortgageRegistered: [[/^(\S+)$/, (_, n) => `抵押登记证明号 ${n}`]],
  Disbursed: [[/^bank reference (\S+)$/, (_, ref) => `银行业务编号 ${ref}`]],
};

function apply(rules, text) {
  for (const [pattern, say] of rules ?? []) {
    const m = pattern.exec(text);
    if (m) return say(...m);
  }
  return null;
}

/** Field names and document kinds in a line no rule knows (a newer server, a typed reason). */
function wordsOnly(text) {
  return text
    .replace(/\b(Borrower|CoBorrower\d*|LoanOfficer|CentreSeal|DocTimeStamp\d*)\b/g, f => fieldLabel(f))
    .replace(/\b(loan-contract|mortgage-contract|deduction-authorization|evidence-report)\b/g, k => kind(k))
    .replace(/\br(\d+)\b/g, (_, r) => version(r));
}

/** A timeline entry's detail in Chinese. */
export function timelineDetail(action, detail) {
  if (!detail) return '';
  return apply(TIMELINE[action], detail) ?? wordsOnly(detail);
}

/** A state change's reason in Chinese (reasons typed by staff, such as a cancellation's, pass as written). */
export function transitionReason(to, reason) {
  if (!reason) return '';
  return apply(REASONS[to], reason) ?? wordsOnly(reason);
}

/** An audit entry's detail in Chinese: a state change ("A → B: reason") or a timeline step. */
export function auditDetail(action, detail) {
  if (!detail) return '';
  if (action === 'transition') {
    const m = /^(\(new\)|\w+) → (\w+)(?:: ([\s\S]*))?$/.exec(detail);
    if (m) {
      const from = m[1] === '(new)' ? '新建' : label(caseStatus, m[1]);
      return `${from} → ${label(caseStatus, m[2])}${m[3] ? `：${transitionReason(m[2], m[3])}` : ''}`;
    }
  }
  if (action === 'documents-verified') return '办结前核验全部最终文件';
  return timelineDetail(action, detail);
}
