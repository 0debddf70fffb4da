// Staff console: sign in (the development issuer in the embedded mode); the centre's queue as a table
// (search, sort, paging, counts per status, cases expiring within 3 days marked, 批量用印); a case page
// with the loan facts, the documents in an inline viewer, countersign / seal / new link / cancel after a
// confirmation, and timeline, state changes, audit trail and verification reports on demand.
import { Api, ApiError, NetworkError, describeError, newIdempotencyKey } from '/assets/api.js';
import { formatYuan, formatTerm } from '/assets/money.js';
import { h, show, clear, message, formatTime, saveBlob } from '/assets/dom.js';
import { label, caseStatus, partyStatus, documentKind, partyRole, actorRole, auditColumn, timelineAction } from '/assets/labels.js';
import { renderTimeline } from '/assets/timeline.js';
import { recordText } from '/assets/record-text.js';
import { renderReport } from '/assets/report.js';
import { StaffSession, SignInRefused } from '/assets/staff-session.js';
import { showProviderSignIn } from '/assets/provider-sign-in.js';

const app = document.getElementById('app');
const storeKey = 'onething.console.token';
let api = null;
let who = null;
let filter = 'AwaitingCountersign';

const QUEUE_TABS = [
  ['AwaitingSignatures', '待借款人签署'],
  ['AwaitingCountersign', '待审核签署'],
  ['AwaitingSeal', '待盖章'],
  ['Sealed', '已盖章'],
  ['Declined', '已拒签'],
  ['Expired', '已过期'],
  ['', '全部'],
];
const ROLES = [['loan-officer', '经办人（审核签署）'], ['seal-officer', '印章管理员（加盖电子印章）'], ['auditor', '审计（查看审计记录）'], ['admin', '管理员（撤销案件）']];
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
        h('input', { type: 'checkbox', id: `role-${value}`, name: 'roles', value, checked: value === 'loan-officer' }), text))),
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
  const roles = who.roles.filter(r => CONSOLE_ROLES.includes(r)).map(r => ROLES.find(x => x[0] === r)?.[1] ?? r).join('、');
  const body = h('div', { id: 'console-body' });
  // Keyboard users: the first Tab stop after the page heading jumps straight to the first case of the queue.
  jump = h('a', { href: '#first-case', class: 'skip-link', id: 'jump-first-case' }, '跳到第一个案件');
  jump.addEventListener('click', e => {
    const first = document.getElementById('first-case');
    if (!first) return;
    e.preventDefault();
    first.focus();
  });
  show(app,
    h('h1', {}, '案件工作台'),
    jump,
    h('p', { id: 'who' }, `${who.subject} · 中心 ${who.centre ?? '（未提供）'} · ${roles} `, logout),
    body);
  loadQueue(body);
}

// --- the queue: a table with search, sorting, paging and counts per status ---
const PAGE_SIZE = 20;
const viewKey = 'onething.console.queue';
// The tab, search, sort and page survive a reload of the tab (sessionStorage: nothing outlives the tab).
const view = { q: '', sort: null, descending: true, page: 0, ...readView() };
if (view.filter !== undefined) filter = view.filter;
let jump = null;

function readView() {
  try { return JSON.parse(sessionStorage.getItem(viewKey) ?? '{}'); } catch { return {}; }
}
const SORTABLE = { Application: '合同编号', Status: '状态', Expires: '签署期限', Created: '受理时间' };
const BEFORE_SEAL = new Set(['AwaitingSignatures', 'AwaitingCountersign', 'AwaitingSeal']);

function expiresSoon(c) {
  return BEFORE_SEAL.has(c.status) && new Date(c.expiresAt) - Date.now() <= 3 * 24 * 3600 * 1000;
}

async function loadQueue(body) {
  sessionStorage.setItem(viewKey, JSON.stringify({ ...view, filter }));
  const query = new URLSearchParams({ skip: String(view.page * PAGE_SIZE), take: String(PAGE_SIZE) });
  if (filter) query.set('status', filter);
  if (view.q) query.set('q', view.q);
  if (view.sort) { query.set('sort', view.sort); query.set('descending', String(view.descending)); }
  let response, cases, counts;
  try {
    [response, counts] = await Promise.all([api.request('GET', `/cases?${query}`), api.get('/cases/counts')]);
    cases = await response.json();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) { await session.forget(); return signIn('登录已失效，请重新登录。'); }
    show(body, message('error', describeError(err)));
    return;
  }
  const total = Number(response.headers.get('X-Total-Count') ?? cases.length);
  const all = Object.values(counts.byStatus).reduce((a, b) => a + b, 0);
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': '按状态筛选' }, QUEUE_TABS.map(([status, text]) => {
    const n = status ? (counts.byStatus[status] ?? 0) : all;
    const b = h('button', { type: 'button', 'aria-pressed': String(status === filter) }, `${text}（${n}）`);
    b.addEventListener('click', () => { filter = status; view.page = 0; loadQueue(body); });
    return b;
  }));
  const search = h('input', { type: 'search', id: 'queue-search', name: 'q', value: view.q, placeholder: '借款人姓名、合同编号或案件编号' });
  const searchForm = h('form', { class: 'queue-search', role: 'search' },
    h('label', { for: 'queue-search' }, '查找案件'), h('div', { class: 'search-row' }, search, h('button', { type: 'submit' }, '查找')));
  searchForm.addEventListener('submit', e => { e.preventDefault(); view.q = search.value.trim(); view.page = 0; loadQueue(body); });

  const batch = filter === 'AwaitingSeal' && who.roles.includes('seal-officer');
  const selected = new Set();
  const batchButton = h('button', { type: 'button', id: 'batch-seal', disabled: true }, '批量用印（已选 0 件）');
  const header = h('tr', {},
    batch ? h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, '选择')) : null,
    Object.entries(SORTABLE).slice(0, 1).map(([key, text]) => sortHeader(key, text, body)),
    h('th', { scope: 'col' }, '借款人'),
    Object.entries(SORTABLE).slice(1).map(([key, text]) => sortHeader(key, text, body)));
  const rows = cases.map((c, i) => {
    const open = h('button', { type: 'button', class: 'link-button', id: i === 0 ? 'first-case' : null }, c.contractNumber || c.applicationNumber);
    open.addEventListener('click', () => loadDetail(body, c.id));
    const soon = expiresSoon(c);
    let box = null;
    if (batch) {
      box = h('input', { type: 'checkbox', 'aria-label': `选择 ${c.contractNumber}` });
      box.addEventListener('change', () => {
        if (box.checked) selected.add(c); else selected.delete(c);
        batchButton.disabled = selected.size === 0;
        batchButton.textContent = `批量用印（已选 ${selected.size} 件）`;
      });
    }
    return h('tr', { class: soon ? 'expiring' : null },
      batch ? h('td', {}, box) : null,
      h('td', {}, open, h('span', { class: 'hint' }, ` ${c.applicationNumber}`)),
      h('td', {}, c.parties.map(p => p.name).join('、')),
      h('td', {}, label(caseStatus, c.status)),
      h('td', {}, formatTime(c.expiresAt), soon ? h('strong', { class: 'soon' }, ' ⚠ 3 天内到期') : null),
      h('td', {}, formatTime(c.createdAt)));
  });
  batchButton.addEventListener('click', () => batchSeal([...selected], body));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const prev = h('button', { type: 'button', class: 'secondary', disabled: view.page === 0 }, '上一页');
  const next = h('button', { type: 'button', class: 'secondary', disabled: view.page + 1 >= pages }, '下一页');
  prev.addEventListener('click', () => { view.page--; loadQueue(body); });
  next.addEventListener('click', () => { view.page++; loadQueue(body); });
  if (jump) jump.hidden = cases.length === 0;
  // Not show(): the focus stays where it is, so the skip link after the page heading leads to the first case.
  clear(body).append(
    h('section', { 'aria-labelledby': 'queue-title', id: 'queue' },
      h('h2', { id: 'queue-title' }, '案件队列'),
      counts.expiringWithin3Days ? message('info', `有 ${counts.expiringWithin3Days} 件待签署案件将在 3 天内到期。`) : null,
      searchForm, tabs,
      batch ? h('div', { class: 'actions' }, batchButton) : null,
      cases.length === 0
        ? h('p', {}, view.q ? '没有符合条件的案件。' : '此状态下没有案件。')
        : h('div', { class: 'table-scroll' }, h('table', { class: 'queue-table', id: 'queue-table' },
          h('caption', { class: 'visually-hidden' }, '案件列表'), h('thead', {}, header), h('tbody', {}, rows))),
      h('div', { class: 'pager' }, prev, h('output', { id: 'queue-page' }, `第 ${view.page + 1} / ${pages} 页，共 ${total} 件`), next)));
}

function sortHeader(key, text, body) {
  const active = view.sort === key || (view.sort === null && key === 'Created');
  const desc = view.sort === null ? true : view.descending;
  const b = h('button', { type: 'button', class: 'sort-button' }, `${text}${active ? (desc ? ' ▼' : ' ▲') : ''}`);
  b.addEventListener('click', () => {
    view.descending = active ? !desc : false;
    view.sort = key;
    view.page = 0;
    loadQueue(body);
  });
  return h('th', { scope: 'col', 'aria-sort': active ? (desc ? 'descending' : 'ascending') : null }, b);
}

/** 批量用印: one confirmation listing every case, then one seal request per case, each with its own result. */
function batchSeal(cases, body) {
  const results = h('ul', { id: 'batch-results' });
  const yes = h('button', { type: 'submit' }, `确认为 ${cases.length} 件案件加盖印章`);
  const no = h('button', { type: 'button', class: 'secondary' }, '取消');
  const dialog = h('dialog', { 'aria-labelledby': 'batch-title' },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'batch-title' }, '批量用印'),
      h('p', {}, '将在以下案件的全部文件上加盖本中心电子印章，盖章后文件被锁定：'),
      h('ul', {}, cases.map(c => h('li', {}, `${c.contractNumber} · ${c.parties.map(p => p.name).join('、')}`))),
      results,
      h('div', { class: 'actions' }, yes, no)));
  const keys = new Map(cases.map(c => [c.id, newIdempotencyKey()]));
  no.addEventListener('click', () => { dialog.close(); dialog.remove(); loadQueue(body); });
  dialog.querySelector('form').addEventListener('submit', async e => {
    e.preventDefault();
    yes.disabled = true;
    yes.textContent = '正在盖章…';
    clear(results);
    for (const c of cases) {
      try {
        // Each case keeps its key, so a retry after a lost answer never seals twice.
        await api.post(`/cases/${c.id}/seal`, undefined, keys.get(c.id));
        results.append(h('li', { class: 'status-Passed' }, `✔ ${c.contractNumber} 已盖章`));
      } catch (err) {
        results.append(h('li', { class: 'status-Failed' }, `✘ ${c.contractNumber}：${describeError(err)}`));
      }
    }
    yes.hidden = true;
    no.textContent = '完成';
    no.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  yes.focus();
}

async function optional(path) {
  try {
    return { value: await api.get(path) };
  } catch (err) {
    return { error: err };
  }
}

// --- the case page: loan facts on top, the documents in an inline viewer, details on demand ---
async function loadDetail(body, id) {
  if (jump) jump.hidden = true;
  show(body, h('h2', { id: 'detail-title' }, '案件详情'), h('p', {}, '正在加载…'));
  let c, facts;
  try {
    [c, facts] = await Promise.all([api.get(`/cases/${id}`), api.get(`/cases/${id}/facts`)]);
  } catch (err) {
    show(body, h('h2', { id: 'detail-title' }, '案件详情'), message('error', describeError(err)));
    return;
  }
  const [timeline, transitions, audit] = await Promise.all([
    optional(`/cases/${id}/timeline`), optional(`/cases/${id}/transitions`),
    who.roles.includes('auditor') ? optional(`/cases/${id}/audit`) : Promise.resolve(null)]);
  const back = h('button', { type: 'button', class: 'secondary', id: 'back-to-queue' }, '← 返回案件队列');
  back.addEventListener('click', () => loadQueue(body));
  const reload = () => loadDetail(body, id);

  const actions = h('div', { class: 'actions', id: 'case-actions' });
  if (c.status === 'AwaitingCountersign' && who.roles.includes('loan-officer'))
    actions.append(actionButton('审核并签署（经办人）', '确认您已审核全部文件（可在左侧逐份查看），并以经办人身份签署全部文件？', `/cases/${id}/countersign`, reload));
  // Separation of duties (enforced by the API too): whoever countersigned the case does not seal it.
  const countersignedByMe = (transitions.value ?? []).some(t => t.to === 'AwaitingSeal' && t.actor === who.subject);
  if (c.status === 'AwaitingSeal' && who.roles.includes('seal-officer')) {
    if (countersignedByMe) actions.append(message('info', '您是本案件的审核签署人。按职责分离要求，须由另一名印章管理员加盖中心电子印章。'));
    else actions.append(actionButton('加盖中心电子印章', '确认在全部文件上加盖本中心电子印章？盖章后文件将被锁定，不可再修改。', `/cases/${id}/seal`, reload));
  }
  if (c.status === 'AwaitingSignatures' && who.roles.includes('loan-officer')) actions.append(extendButton(c, reload));
  if (BEFORE_SEAL.has(c.status) && who.roles.includes('admin')) actions.append(cancelButton(c, reload));

  const reports = h('div', { id: 'reports' });
  const parties = h('ul', { class: 'parties' }, c.parties.map(p => {
    const item = h('li', {}, `${label(partyRole, p.role)} ${p.name}：${label(partyStatus, p.status)}`,
      p.signedAt ? `（${formatTime(p.signedAt)}）` : '', p.declineReason ? `，拒签原因：${p.declineReason}` : '');
    if (c.status === 'AwaitingSignatures' && p.status === 'Invited' && who.roles.includes('loan-officer')) item.append(' ', reinviteButton(c, p));
    return item;
  }));

  show(body,
    h('div', { class: 'case-head' }, back,
      h('h2', { id: 'detail-title' }, `案件 ${c.contractNumber || c.applicationNumber}`),
      h('dl', { class: 'facts case-facts', id: 'case-facts' },
        h('dt', {}, '状态'), h('dd', { id: 'detail-status' }, label(caseStatus, c.status)),
        h('dt', {}, '借款人'), h('dd', {}, c.parties.map(p => `${label(partyRole, p.role)} ${p.name}`).join('、')),
        h('dt', {}, '贷款金额'), h('dd', {}, formatYuan(facts.loanAmountFen)),
        h('dt', {}, '期限 / 利率'), h('dd', {}, `${formatTerm(facts.termMonths)} · 年利率 ${facts.annualRatePercent}%`),
        h('dt', {}, '抵押房产'), h('dd', {}, facts.propertyAddress),
        h('dt', {}, '受托银行'), h('dd', {}, `${facts.bankName} ${facts.bankBranch}`),
        h('dt', {}, '公积金中心'), h('dd', {}, facts.centreName),
        h('dt', {}, '案件编号'), h('dd', {}, c.applicationNumber),
        h('dt', {}, '签署顺序'), h('dd', {}, c.signingOrder === 'Sequential' ? '依次签署' : '同时签署'),
        h('dt', {}, '签署期限'), h('dd', { class: expiresSoon(c) ? 'soon' : null }, formatTime(c.expiresAt), expiresSoon(c) ? ' ⚠ 3 天内到期' : ''))),
    h('div', { class: 'case-body' },
      h('section', { 'aria-labelledby': 'docs-title', class: 'case-docs' }, h('h3', { id: 'docs-title' }, '文件'), documentViewer(c)),
      h('section', { 'aria-labelledby': 'actions-title', class: 'case-side' },
        h('h3', { id: 'actions-title' }, '办理'), actions,
        h('h3', {}, '签署人'), parties)),
    AFTER_SEAL.has(c.status) ? h('details', { class: 'more', id: 'reports-details' }, h('summary', {}, '已盖章文件核验报告'), reports) : null,
    h('details', { class: 'more' }, h('summary', {}, '办理时间线'),
      timeline.error ? message('error', describeError(timeline.error)) : renderTimeline(timeline.value, { staff: true })),
    h('details', { class: 'more' }, h('summary', {}, '状态变更'),
      transitions.error ? message('info', '状态变更记录暂不可用。') : transitionTable(transitions.value)),
    h('details', { class: 'more' }, h('summary', {}, '审计记录'), auditSection(audit)));

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

const KIND_ORDER = ['loan-contract', 'mortgage-contract', 'deduction-authorization'];

/** The case's documents one page at a time, so reviewing them happens on this page, not in downloads. */
function documentViewer(c) {
  const docs = [...c.documents].sort((a, b) => (KIND_ORDER.indexOf(a.kind) + 1 || 99) - (KIND_ORDER.indexOf(b.kind) + 1 || 99));
  const canvas = h('canvas', { role: 'img', 'aria-label': '文件页面' });
  const frame = h('div', { class: 'viewer console-viewer', tabindex: '0', role: 'region', 'aria-label': '文件预览' }, canvas);
  const pageOut = h('output', { id: 'viewer-page' }, '');
  const prev = h('button', { type: 'button', class: 'secondary' }, '上一页');
  const next = h('button', { type: 'button', class: 'secondary' }, '下一页');
  const download = h('button', { type: 'button', class: 'secondary' }, '下载 PDF');
  let current = null;
  let pdf = null;
  let pages = null;
  let page = 1;
  const draw = async () => {
    prev.disabled = page <= 1;
    next.disabled = page >= pdf.numPages;
    pageOut.textContent = `第 ${page} / ${pdf.numPages} 页`;
    canvas.setAttribute('aria-label', `${label(documentKind, current.kind)} 第 ${page} 页，共 ${pdf.numPages} 页`);
    await pages.draw(page, Math.max(300, frame.clientWidth - 16));
  };
  const open = async d => {
    current = d;
    tabs.querySelectorAll('button').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.kind === d.kind)));
    try {
      const bytes = await (await api.blob(`/cases/${c.id}/documents/${d.kind}`)).arrayBuffer();
      const viewer = await import('/sign/pdf-viewer.js');
      pdf = await viewer.openPdf(bytes);
      pages = new viewer.PageCanvas(pdf, canvas);
      page = 1;
      await draw();
    } catch (err) {
      frame.replaceChildren(message('error', describeError(err)));
    }
  };
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': '选择文件' }, docs.map(d => {
    const b = h('button', { type: 'button', 'data-kind': d.kind, 'aria-pressed': 'false' }, `${label(documentKind, d.kind)}（第 ${d.revision} 版，${d.pageCount} 页）`);
    b.addEventListener('click', () => open(d));
    return b;
  }));
  prev.addEventListener('click', () => { page--; draw(); });
  next.addEventListener('click', () => { page++; draw(); });
  download.addEventListener('click', async () => saveBlob(await api.blob(`/cases/${c.id}/documents/${current.kind}`), `${current.documentId}-r${current.revision}.pdf`));
  if (docs.length) open(docs[0]);
  return h('div', { class: 'doc-viewer' }, tabs, frame, h('div', { class: 'pager' }, prev, pageOut, next, download));
}

/** 重新发送签署链接: the API sends it by SMS to the phone on file; the officer sees only the masked number. */
function reinviteButton(c, p) {
  const button = h('button', { type: 'button', class: 'secondary small' }, '重新发送签署链接');
  button.addEventListener('click', () => confirmDialog('重新发送签署链接', `向${label(partyRole, p.role)} ${p.name} 登记的手机号发送新的签署链接？原链接将失效。`, async key => {
    const sent = await api.post(`/cases/${c.id}/parties/${p.id}/invitation`, undefined, key);
    button.replaceWith(h('span', { class: 'status-Passed', role: 'status' }, `已发送至 ${sent.maskedPhone}，${formatTime(sent.expiresAt)} 前有效`));
  }));
  return button;
}

const DAY = 24 * 3600 * 1000;

/** A Date as the value of a datetime-local input in Beijing time (the offset the officer works in). */
function beijingInput(date) {
  return new Date(date.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

/**
 * 延长签署期限: a later deadline (Beijing time) and a reason; the API refuses anything not later than the
 * current deadline or beyond 90 days after intake, and says so in the dialog.
 */
function extendButton(c, reload) {
  const button = h('button', { type: 'button', class: 'secondary', id: 'extend-deadline' }, '延长签署期限');
  button.addEventListener('click', () => {
    const current = new Date(c.expiresAt);
    const latest = new Date(new Date(c.createdAt).getTime() + 90 * DAY);
    const proposed = new Date(Math.min(current.getTime() + 7 * DAY, latest.getTime()));
    const when = h('input', { id: 'deadline-new', type: 'datetime-local', required: true, value: beijingInput(proposed),
      min: beijingInput(current), max: beijingInput(latest), 'aria-describedby': 'deadline-hint' });
    const reason = h('textarea', { id: 'deadline-reason', required: true, maxlength: '500' });
    confirmDialog('延长签署期限', `当前期限：${formatTime(c.expiresAt)}。尚未签署的签署人可在新期限前继续签署，原签署链接随之延长（最长 7 天，不超过新期限）。`, async key => {
      const text = reason.value.trim();
      if (!when.value) throw new Error('请选择新的签署期限。');
      if (!text) throw new Error('请填写延期原因。');
      try {
        await api.post(`/cases/${c.id}/deadline`, { expiresAt: `${when.value}:00+08:00`, reason: text }, key);
      } catch (err) {
        if (err instanceof ApiError && err.problem?.errors?.expiresAt) throw new Error(`新的期限须晚于当前期限，且不晚于受理后 90 天（${formatTime(latest)}）。`);
        throw err;
      }
      reload();
    },
    h('div', { class: 'field' }, h('label', { for: 'deadline-new' }, '新的签署期限（北京时间）'), when,
      h('p', { id: 'deadline-hint', class: 'hint' }, `须晚于当前期限，且不晚于受理后 90 天（${formatTime(latest)}）。`)),
    h('div', { class: 'field' }, h('label', { for: 'deadline-reason' }, '延期原因（必填）'), reason));
  });
  return button;
}

function cancelButton(c, reload) {
  const button = h('button', { type: 'button', class: 'secondary' }, '撤销案件');
  button.addEventListener('click', () => {
    const reason = h('textarea', { id: 'cancel-reason', required: true, maxlength: '500' });
    confirmDialog('撤销案件', '撤销后本案件终止，签署人无法继续签署。', async key => {
      const text = reason.value.trim();
      if (!text) throw new Error('请填写撤销原因。');
      await api.post(`/cases/${c.id}/cancel`, { reason: text }, key);
      reload();
    }, h('div', { class: 'field' }, h('label', { for: 'cancel-reason' }, '撤销原因（必填）'), reason));
  });
  return button;
}

function confirmDialog(title, question, act, ...extra) {
  const error = h('div');
  const yes = h('button', { type: 'submit' }, '确认');
  const no = h('button', { type: 'button', class: 'secondary' }, '取消');
  const key = newIdempotencyKey();
  const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
    h('form', { method: 'dialog', novalidate: true }, h('h2', { id: 'confirm-title' }, title), h('p', {}, question), ...extra, error, h('div', { class: 'actions' }, yes, no)));
  no.addEventListener('click', () => { dialog.close(); dialog.remove(); });
  dialog.querySelector('form').addEventListener('submit', async e => {
    e.preventDefault();
    yes.disabled = true;
    yes.textContent = '正在处理…';
    try {
      // The same key is reused if the officer retries after a network failure: never applied twice.
      await act(key);
      dialog.close();
      dialog.remove();
    } catch (err) {
      yes.disabled = false;
      yes.textContent = '重试';
      show(error, message('error', err instanceof ApiError || err instanceof NetworkError ? describeError(err) : err.message));
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  yes.focus();
}

function transitionTable(rows) {
  if (!rows?.length) return h('p', {}, '暂无状态变更。');
  return h('div', { class: 'table-scroll' }, h('table', {},
    h('thead', {}, h('tr', {}, ['时间', '从', '到', '操作人', '原因'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map(r => h('tr', {},
      h('td', {}, formatTime(r.at)), h('td', {}, r.from ? label(caseStatus, r.from) : '—'), h('td', {}, label(caseStatus, r.to)),
      h('td', {}, `${label(actorRole, r.actorRole)}：${r.actor}`), h('td', {}, recordText(r.reasonText, r.reason)))))));
}

function auditSection(audit) {
  if (audit === null) return h('p', {}, '需要审计岗位才能查看审计记录。');
  if (audit.error) return message('info', audit.error instanceof ApiError && audit.error.status === 404 ? '审计接口暂未提供。' : describeError(audit.error));
  const rows = audit.value ?? [];
  if (rows.length === 0) return h('p', {}, '暂无审计记录。');
  const columns = Object.keys(rows[0]).filter(k => !['caseId'].includes(k)).slice(0, 8);
  return h('div', { class: 'table-scroll' }, h('table', { id: 'audit' },
    h('thead', {}, h('tr', {}, columns.map(k => h('th', { scope: 'col' }, label(auditColumn, k))))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(k => h('td', { class: 'hash' }, auditCell(r, k))))))));
}

/** An audit value as staff read it: times in Beijing time, actions, roles and details in Chinese. */
function auditCell(row, key) {
  const value = row[key];
  if (value === null || value === undefined) return '';
  switch (key) {
    case 'at': return formatTime(value);
    case 'action': return label(timelineAction, value);
    case 'actorRole': return label(actorRole, value);
    case 'detail': return recordText(row.detailText, value);
    default: return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

function actionButton(text, question, path, reload) {
  const button = h('button', { type: 'button' }, text);
  button.addEventListener('click', () => confirmDialog(text, question, async key => {
    await api.post(path, undefined, key);
    reload();
  }));
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
