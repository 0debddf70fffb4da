// Staff console: sign in (the development issuer in the embedded mode), the centre's queue by state,
// a case's documents, timeline, state changes and audit trail, countersign and seal after a
// confirmation, and the verification report of every document once sealed.
import { Api, ApiError, describeError, newIdempotencyKey } from '/assets/api.js';
import { h, show, clear, message, formatTime, saveBlob } from '/assets/dom.js';
import { label, caseStatus, partyStatus, documentKind, partyRole } from '/assets/labels.js';
import { renderTimeline } from '/assets/timeline.js';
import { renderReport } from '/assets/report.js';
import { StaffSession, SignInRefused } from '/assets/staff-session.js';
import { showProviderSignIn } from '/assets/provider-sign-in.js';

const app = document.getElementById('app');
const storeKey = 'onething.console.token';
let api = null;
let who = null;
let filter = 'AwaitingCountersign';
let selected = null;

const QUEUE_TABS = [
  ['AwaitingSignatures', '待借款人签署'],
  ['AwaitingCountersign', '待审核签署'],
  ['AwaitingSeal', '待盖章'],
  ['Sealed', '已盖章'],
  ['Declined', '已拒签'],
  ['Expired', '已过期'],
  ['', '全部'],
];
const ROLES = [['loan-officer', '经办人（审核签署）'], ['seal-officer', '印章管理员（加盖电子印章）'], ['auditor', '审计（查看审计记录）']];
const AFTER_SEAL = new Set(['Sealed', 'MortgageRegistrationRequested', 'MortgageRegistered', 'DisbursementRequested', 'Disbursed', 'Completed']);

const CONSOLE_ROLES = ['loan-officer', 'seal-officer', 'auditor', 'admin'];
const REFUSAL = '此账号没有工作台岗位（经办人、印章管理员或审计），不能使用中心工作台。请联系管理员开通岗位，或换一个账号登录。';
let session = null;

function signIn(note, kind = 'info') {
  const error = h('div');
  const heading = h('h1', {}, '工作人员登录');
  const notice = note ? message(kind, note) : null;
  if (showProviderSignIn(app, session, heading, notice, '请通过本单位的统一身份认证（OpenID Connect）登录；岗位和所属中心由认证系统提供。')) return;
  const form = h('form', { class: 'panel', novalidate: true, 'aria-describedby': 'signin-hint' },
    h('p', { id: 'signin-hint', class: 'hint' }, '开发模式：由本服务内置的开发令牌签发器登录（开发 PKI 预置的经办人工号为 DY-0001，审核签署需要已配置签名密钥的工号）。生产环境使用单位的统一身份认证（OpenID Connect）。'),
    h('div', { class: 'field' }, h('label', { for: 'subject' }, '工号'), h('input', { id: 'subject', name: 'subject', type: 'text', required: true, autocomplete: 'username' })),
    h('div', { class: 'field' }, h('label', { for: 'centre' }, '中心代码'), h('input', { id: 'centre', name: 'centre', type: 'text', required: true })),
    h('fieldset', {}, h('legend', {}, '岗位'),
      ROLES.map(([value, text]) => h('label', { class: 'check', for: `role-${value}` },
        h('input', { type: 'checkbox', id: `role-${value}`, name: 'roles', value, checked: value !== 'auditor' }), text))),
    error,
    h('button', { type: 'submit' }, '登录'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const roles = [...form.querySelectorAll('input[name=roles]:checked')].map(i => i.value);
    const subject = form.subject.value.trim();
    const centre = form.centre.value.trim();
    if (!subject || !centre || roles.length === 0) {
      show(error, message('error', '请填写工号、中心代码，并至少选择一个岗位。'));
      return;
    }
    try {
      begin(await session.signInForDevelopment({ subject, roles, centre }));
    } catch (err) {
      show(error, message('error', err instanceof ApiError && err.status === 404
        ? '此服务未启用开发登录（生产环境请通过统一身份认证登录）。'
        : describeError(err)));
    }
  });
  show(app, heading, notice, form);
}

/** Whoever signed in, the API says who they are: roles and centre come from the token, not from the page. */
async function begin(token) {
  try {
    who = await session.caller(token, CONSOLE_ROLES, REFUSAL);
  } catch (err) {
    if (err instanceof SignInRefused) return refused(err.message);
    if (err instanceof ApiError && err.status === 401) return signIn('登录已失效，请重新登录。');
    return signIn(describeError(err), 'error');
  }
  start();
}

/** A token the console cannot use: say so, and offer to leave the provider's session to switch account. */
function refused(text) {
  const leave = h('button', { type: 'button', class: 'secondary' }, '退出登录并更换账号');
  leave.addEventListener('click', async () => { if (!(await session.signOut())) signIn('您已退出登录。'); });
  show(app, h('h1', {}, '无法使用工作台'), message('error', text), h('div', { class: 'actions' }, leave));
}

function start() {
  api = new Api(who.token);
  const logout = h('button', { type: 'button', class: 'secondary' }, '退出登录');
  logout.addEventListener('click', async () => {
    who = null;
    if (!(await session.signOut())) signIn('您已退出登录。');
  });
  const queue = h('section', { 'aria-labelledby': 'queue-title' });
  const detail = h('section', { 'aria-labelledby': 'detail-title', id: 'detail' }, h('h2', { id: 'detail-title' }, '案件详情'), h('p', {}, '请从左侧选择一个案件。'));
  const roles = who.roles.filter(r => CONSOLE_ROLES.includes(r)).map(r => ROLES.find(x => x[0] === r)?.[1] ?? r).join('、');
  show(app,
    h('h1', {}, '案件工作台'),
    h('p', { id: 'who' }, `${who.subject} · 中心 ${who.centre ?? '（未提供）'} · ${roles} `, logout),
    h('div', { class: 'console' }, queue, detail));
  loadQueue(queue, detail);
}

async function loadQueue(queue, detail) {
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': '按状态筛选' }, QUEUE_TABS.map(([status, text]) => {
    const b = h('button', { type: 'button', 'aria-pressed': String(status === filter) }, text);
    b.addEventListener('click', () => { filter = status; loadQueue(queue, detail); });
    return b;
  }));
  const list = h('ul', { class: 'queue', id: 'queue' });
  clear(queue).append(h('h2', { id: 'queue-title' }, '案件队列'), tabs, list);
  let cases;
  try {
    cases = await api.get(`/cases?take=200${filter ? `&status=${filter}` : ''}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { await session.forget(); return signIn('登录已失效，请重新登录。'); }
    list.replaceWith(message('error', describeError(err)));
    return;
  }
  if (cases.length === 0) list.append(h('li', {}, '此状态下没有案件。'));
  for (const c of cases) {
    const b = h('button', { type: 'button', 'aria-current': String(c.id === selected) },
      h('strong', {}, c.contractNumber || c.applicationNumber),
      h('span', { class: 'case-status' }, label(caseStatus, c.status)),
      h('span', {}, c.parties.map(p => p.name).join('、')),
      h('span', { class: 'hint' }, ` · ${formatTime(c.createdAt)}`));
    b.addEventListener('click', () => { selected = c.id; loadQueue(queue, detail); loadDetail(detail, c.id, queue); });
    list.append(h('li', {}, b));
  }
}

async function optional(path) {
  try {
    return { value: await api.get(path) };
  } catch (err) {
    return { error: err };
  }
}

async function loadDetail(detail, id, queue) {
  show(detail, h('h2', { id: 'detail-title' }, '案件详情'), h('p', {}, '正在加载…'));
  let c;
  try {
    c = await api.get(`/cases/${id}`);
  } catch (err) {
    show(detail, h('h2', { id: 'detail-title' }, '案件详情'), message('error', describeError(err)));
    return;
  }
  const [timeline, transitions, audit] = await Promise.all([
    optional(`/cases/${id}/timeline`), optional(`/cases/${id}/transitions`),
    who.roles.includes('auditor') ? optional(`/cases/${id}/audit`) : Promise.resolve(null)]);

  const actions = h('div', { class: 'actions' });
  if (c.status === 'AwaitingCountersign' && who.roles.includes('loan-officer'))
    actions.append(actionButton('审核并签署（经办人）', '确认您已审核全部文件，并以经办人身份签署全部文件？', `/cases/${id}/countersign`, detail, id, queue));
  if (c.status === 'AwaitingSeal' && who.roles.includes('seal-officer'))
    actions.append(actionButton('加盖中心电子印章', '确认在全部文件上加盖本中心电子印章？盖章后文件将被锁定，不可再修改。', `/cases/${id}/seal`, detail, id, queue));

  const reports = h('div', { id: 'reports' });
  const docs = c.documents.map(d => {
    const download = h('button', { type: 'button', class: 'secondary' }, '下载');
    download.addEventListener('click', async () => saveBlob(await api.blob(`/cases/${id}/documents/${d.kind}`), `${d.documentId}-r${d.revision}.pdf`));
    return h('li', {}, h('span', {}, `${label(documentKind, d.kind)} · ${d.documentId} · 第 ${d.revision} 版 · ${d.pageCount} 页`), download);
  });

  show(detail,
    h('h2', { id: 'detail-title' }, `案件 ${c.contractNumber || c.applicationNumber}`),
    h('dl', { class: 'facts' },
      h('dt', {}, '状态'), h('dd', { id: 'detail-status' }, label(caseStatus, c.status)),
      h('dt', {}, '申请编号'), h('dd', {}, c.applicationNumber),
      h('dt', {}, '受托银行'), h('dd', {}, c.bankCode),
      h('dt', {}, '签署顺序'), h('dd', {}, c.signingOrder === 'Sequential' ? '依次签署' : '同时签署'),
      h('dt', {}, '签署期限'), h('dd', {}, formatTime(c.expiresAt))),
    h('h3', {}, '签署人'),
    h('ul', {}, c.parties.map(p => h('li', {}, `${label(partyRole, p.role)} ${p.name}：${label(partyStatus, p.status)}`,
      p.signedAt ? `（${formatTime(p.signedAt)}）` : '', p.declineReason ? `，拒签原因：${p.declineReason}` : ''))),
    actions,
    h('h3', {}, '文件'),
    h('ul', { class: 'doc-list' }, docs),
    AFTER_SEAL.has(c.status) ? [h('h3', {}, '已盖章文件核验报告'), reports] : null,
    h('h3', {}, '办理时间线'),
    timeline.error ? message('error', describeError(timeline.error)) : renderTimeline(timeline.value, { staff: true }),
    h('h3', {}, '状态变更'),
    transitions.error ? message('info', '状态变更记录暂不可用。') : transitionTable(transitions.value),
    h('h3', {}, '审计记录'),
    auditSection(audit));

  if (AFTER_SEAL.has(c.status)) {
    for (const d of c.documents) {
      const holder = h('div', {}, h('h4', {}, label(documentKind, d.kind)), h('p', {}, '正在核验…'));
      reports.append(holder);
      try {
        const blob = await api.blob(`/cases/${id}/documents/${d.kind}`);
        const { report } = await api.verify(blob, `${d.documentId}-r${d.revision}.pdf`);
        show(holder, h('h4', {}, label(documentKind, d.kind)), renderReport(report, { headingLevel: 5 }));
      } catch (err) {
        show(holder, h('h4', {}, label(documentKind, d.kind)), message('error', describeError(err)));
      }
    }
  }
}

function transitionTable(rows) {
  if (!rows?.length) return h('p', {}, '暂无状态变更。');
  return h('div', { class: 'table-scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ['时间', '从', '到', '操作人', '原因'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(r => h('tr', {},
      h('td', {}, formatTime(r.at)), h('td', {}, r.from ? label(caseStatus, r.from) : '—'), h('td', {}, label(caseStatus, r.to)),
      h('td', {}, `${r.actorRole}：${r.actor}`), h('td', {}, r.reason ?? ''))))));
}

function auditSection(audit) {
  if (audit === null) return h('p', {}, '需要审计岗位才能查看审计记录。');
  if (audit.error) return message('info', audit.error instanceof ApiError && audit.error.status === 404 ? '审计接口暂未提供。' : describeError(audit.error));
  const rows = audit.value ?? [];
  if (rows.length === 0) return h('p', {}, '暂无审计记录。');
  const columns = Object.keys(rows[0]).filter(k => !['caseId'].includes(k)).slice(0, 8);
  return h('div', { class: 'table-scroll' }, h('table', { id: 'audit' },
    h('thead', {}, h('tr', {}, columns.map(k => h('th', { scope: 'col' }, k)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(k => h('td', { class: 'hash' }, typeof r[k] === 'object' && r[k] !== null ? JSON.stringify(r[k]) : String(r[k] ?? ''))))))));
}

function actionButton(text, question, path, detail, id, queue) {
  const button = h('button', { type: 'button' }, text);
  button.addEventListener('click', () => {
    const error = h('div');
    const yes = h('button', { type: 'submit' }, '确认');
    const no = h('button', { type: 'button', class: 'secondary' }, '取消');
    const key = newIdempotencyKey();
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
      h('form', { method: 'dialog', novalidate: true }, h('h2', { id: 'confirm-title' }, text), h('p', {}, question), error, h('div', { class: 'actions' }, yes, no)));
    no.addEventListener('click', () => { dialog.close(); dialog.remove(); });
    dialog.querySelector('form').addEventListener('submit', async e => {
      e.preventDefault();
      yes.disabled = true;
      yes.textContent = '正在处理…';
      try {
        // The same key is reused if the officer retries after a network failure: never applied twice.
        await api.post(path, undefined, key);
        dialog.close();
        dialog.remove();
        loadQueue(queue, detail);
        loadDetail(detail, id, queue);
      } catch (err) {
        yes.disabled = false;
        yes.textContent = '重试';
        show(error, message('error', describeError(err)));
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    yes.focus();
  });
  return button;
}

async function boot() {
  try {
    session = await StaffSession.load('/console', storeKey);
  } catch (err) {
    show(app, h('h1', {}, '无法加载工作台'), message('error', describeError(err)));
    return;
  }
  session.onExpired(() => { who = null; signIn('登录已过期，请重新登录。'); });
  const resumed = await session.resume();
  if (resumed.token) begin(resumed.token); else signIn(resumed.note, resumed.kind);
}

boot();
