// Verification page for banks and other relying parties: choose or drop one or more PDFs, read each
// report in plain language, download the JSON report exactly as the service produced it or the
// printed 验签报告 sealed by the centre.
import { Api, ApiError, describeError } from '/assets/api.js';
import { h, show, clear, message, saveBlob } from '/assets/dom.js';
import { label, caseStatus, documentKind, partyRole } from '/assets/labels.js';
import { renderReport } from '/assets/report.js';
import { StaffSession, SignInRefused } from '/assets/staff-session.js';
import { showProviderSignIn } from '/assets/provider-sign-in.js';

const app = document.getElementById('app');
const storeKey = 'onething.verify.token';

const REFUSAL = '此账号没有工作人员岗位，不能使用核验页面。请联系管理员，或换一个账号登录。';
let session = null;
let who = null;

function signIn(note, kind = 'info') {
  const error = h('div');
  const heading = h('h1', {}, '银行登录');
  const notice = note ? message(kind, note) : null;
  if (showProviderSignIn(app, session, heading, notice, '请通过统一身份认证（OpenID Connect）登录；银行代码由认证系统提供。')) return;
  const form = h('form', { class: 'panel', novalidate: true },
    h('p', { class: 'hint' }, '开发模式：由本服务内置的开发令牌签发器以受托银行身份登录。生产环境使用银行的统一身份认证（OpenID Connect）。'),
    h('div', { class: 'field' }, h('label', { for: 'subject' }, '操作员'), h('input', { id: 'subject', name: 'subject', type: 'text', required: true, autocomplete: 'username' })),
    h('div', { class: 'field' }, h('label', { for: 'bank' }, '银行代码'), h('input', { id: 'bank', name: 'bank', type: 'text', required: true })),
    error,
    h('button', { type: 'submit' }, '登录'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const subject = form.subject.value.trim();
    const bank = form.bank.value.trim();
    if (!subject || !bank) return show(error, message('error', '请填写操作员和银行代码。'));
    try {
      begin(await session.signInForDevelopment({ subject, roles: ['bank'], bank }));
    } catch (err) {
      show(error, message('error', err instanceof ApiError && err.status === 404
        ? '此服务未启用开发登录（生产环境请通过统一身份认证登录）。'
        : describeError(err)));
    }
  });
  show(app, heading, notice, form);
}

/** Any staff role may verify (the API allows every signed-in caller); the bank code comes from the token. */
async function begin(token) {
  try {
    who = await session.caller(token, ['bank', 'auditor', 'admin', 'loan-officer', 'seal-officer'], REFUSAL);
  } catch (err) {
    if (err instanceof SignInRefused) return refused(err.message);
    if (err instanceof ApiError && err.status === 401) return signIn('登录已失效，请重新登录。');
    return signIn(describeError(err), 'error');
  }
  verifyForm();
}

function refused(text) {
  const leave = h('button', { type: 'button', class: 'secondary' }, '退出登录并更换账号');
  leave.addEventListener('click', async () => { if (!(await session.signOut())) signIn('您已退出登录。'); });
  show(app, h('h1', {}, '无法使用核验页面'), message('error', text), h('div', { class: 'actions' }, leave));
}

/** Which of the centre's stored revisions this file is (same SHA-256), if the caller may see that case. */
async function showRecord(api, holder, sha256, titleId) {
  const title = h('h3', { id: titleId }, '与中心存档比对');
  try {
    const m = await api.get(`/verify/records/${sha256}`);
    const parties = m.parties.map(p => { const [role, name] = p.split(':'); return `${label(partyRole, role)} ${name}`; }).join('、');
    // Appended, not show(): the focus stays on the report the clerk is reading.
    clear(holder).append(title,
      m.isFinalSealed
        ? message('ok', `本文件与公积金中心存档的最终盖章版本完全一致（第 ${m.revision} 版）。`)
        : message('info', `本文件与公积金中心存档的第 ${m.revision} 版完全一致，但不是最终盖章版本（中心当前为第 ${m.currentRevision} 版，案件状态：${label(caseStatus, m.status)}）。如需办理业务，请使用最终盖章版本。`),
      h('dl', { class: 'facts' },
        h('dt', {}, '合同编号'), h('dd', {}, m.contractNumber),
        h('dt', {}, '文件'), h('dd', {}, `${label(documentKind, m.documentKind)}（${m.documentId}）`),
        h('dt', {}, '签署人'), h('dd', {}, parties),
        h('dt', {}, '公积金中心'), h('dd', {}, m.centreName)));
  } catch (err) {
    clear(holder).append(title, err instanceof ApiError && err.status === 404
      ? message('info', '在您有权查看的案件中，没有与本文件完全一致的存档版本。签名核验结论仍以上方报告为准。')
      : message('error', describeError(err)));
  }
}

/** One file's result: the report, the record match, and its two downloads (JSON as produced, the sealed 验签报告). */
async function verifyOne(api, file, index, results) {
  const id = `file-${index}`;
  const holder = h('section', { class: 'file-result', id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, `文件 ${index + 1}：${file.name}`), message('info', `正在核验 ${file.name}…`));
  results.append(holder);
  try {
    const { text, report } = await api.verify(file, file.name);
    const base = file.name.replace(/\.pdf$/i, '');
    const json = h('button', { type: 'button', class: 'secondary download-json' }, '下载 JSON 核验报告');
    json.addEventListener('click', () => saveBlob(new Blob([text], { type: 'application/json' }), `${base}.verification.json`));
    const pdfReport = h('button', { type: 'button', class: 'download-report' }, '下载验签报告（PDF，中心盖章）');
    const pdfStatus = h('span', { role: 'status', class: 'hint' });
    pdfReport.addEventListener('click', async () => {
      pdfReport.disabled = true;
      pdfStatus.textContent = ' 正在生成并盖章…';
      try {
        saveBlob(await api.verifyReport(file, file.name), `验签报告-${base}.pdf`);
        pdfStatus.textContent = ' 验签报告已下载。';
      } catch (err) {
        pdfStatus.textContent = ` ${describeError(err)}`;
      } finally {
        pdfReport.disabled = false;
      }
    });
    const record = h('div', { class: 'record-match' }, h('h3', { id: `${id}-record` }, '与中心存档比对'), h('p', {}, '正在比对…'));
    show(holder, h('h2', { id: `${id}-title` }, `文件 ${index + 1}：${file.name}`),
      renderReport(report, { headingLevel: 3 }), record, h('div', { class: 'actions' }, pdfReport, json, pdfStatus));
    if (report.sha256) await showRecord(api, record, report.sha256, `${id}-record`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) throw err;
    show(holder, h('h2', { id: `${id}-title` }, `文件 ${index + 1}：${file.name}`), h('p', {}, '无法核验'), message('error', describeError(err)));
  }
}

function verifyForm() {
  const api = new Api(who.token);
  const results = h('div', { id: 'result', 'aria-live': 'polite' });
  const file = h('input', { id: 'file', name: 'file', type: 'file', accept: 'application/pdf,.pdf', multiple: true, required: true, 'aria-describedby': 'file-hint' });
  const submit = h('button', { type: 'submit' }, '开始核验');
  const chosen = h('p', { id: 'chosen', class: 'hint' });
  // Dropped files are kept here: a file input's list cannot be set from a drop in every browser.
  let dropped = null;
  const zone = h('div', { class: 'drop-zone', id: 'drop-zone' },
    h('p', { class: 'drop-text' }, '把一个或多个 PDF 文件拖到这里，或'),
    h('div', { class: 'field' }, h('label', { for: 'file' }, '选择要核验的 PDF 合同（可多选）'), file),
    chosen);
  const form = h('form', { class: 'panel', novalidate: true }, zone,
    h('p', { id: 'file-hint', class: 'hint' }, '文件只用于本次核验，核验服务不会保存它。每个文件单独出具核验报告。'),
    submit);
  const run = async files => {
    if (files.length === 0) return show(results, message('error', '请先选择或拖入至少一个 PDF 文件。'));
    submit.disabled = true;
    // Whether each file is a PDF is the server's to say (it reads the bytes, not the name), per file.
    clear(results).append(h('p', { class: 'hint' }, `共 ${files.length} 个文件，逐个核验。`));
    try {
      // One after another: the service verifies a bounded number at once, and the clerk reads them in order.
      for (const [i, f] of files.entries()) await verifyOne(api, f, i, results);
    } catch (err) {
      await session.forget();
      return signIn('登录已失效，请重新登录。');
    } finally {
      submit.disabled = false;
    }
  };
  const describe = files => { chosen.textContent = files.length ? `已选择：${files.map(f => f.name).join('、')}` : ''; };
  file.addEventListener('change', () => { dropped = null; describe([...file.files]); });
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('drag-over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('drag-over'));
  zone.addEventListener('drop', e => {
    e.preventDefault();
    zone.classList.remove('drag-over');
    dropped = [...(e.dataTransfer?.files ?? [])];
    describe(dropped);
    run(dropped);
  });
  form.addEventListener('submit', e => {
    e.preventDefault();
    run(dropped ?? [...file.files]);
  });
  const logout = h('button', { type: 'button', class: 'secondary' }, '退出登录');
  logout.addEventListener('click', async () => { who = null; if (!(await session.signOut())) signIn('您已退出登录。'); });
  show(app, h('h1', {}, '核验电子合同'), h('p', { id: 'who' }, who.bank ? `${who.subject}（银行 ${who.bank}） ` : `${who.subject} `, logout), form, results);
}

async function boot() {
  try {
    session = await StaffSession.load('/verify', storeKey);
  } catch (err) {
    show(app, h('h1', {}, '无法加载核验页面'), message('error', describeError(err)));
    return;
  }
  session.onExpired(() => { who = null; signIn('登录已过期，请重新登录。'); });
  const resumed = await session.resume();
  if (resumed.token) begin(resumed.token); else signIn(resumed.note, resumed.kind);
}

boot();
