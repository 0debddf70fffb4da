// The applicant's signing page: link (what it is for) → identity → one-time code → read every page →
// consent → summary and handwriting → sign → signed documents and next steps. Progress (pages read,
// consent, handwriting) lives on the server, so reopening the link resumes where the person was. Every state-changing call carries an
// Idempotency-Key that is kept until the call succeeds, so "retry" after a lost connection can
// never sign twice: the server replays its first answer.
import { Api, ApiError, NetworkError, describeError, newIdempotencyKey } from '/assets/api.js';
import { h, show, message, formatTime, saveBlob } from '/assets/dom.js';
import { label, caseStatus, documentKind, partyRole } from '/assets/labels.js';
import { renderTimeline } from '/assets/timeline.js';
import { SignaturePad } from '/sign/signature-pad.js';
import { idNumberProblem } from '/sign/id-number.js';
import { formatYuan, formatTerm } from '/assets/money.js';

const app = document.getElementById('app');
const linkToken = decodeURIComponent(location.pathname.replace(/^\/sign\//, '').replace(/\/$/, ''));
const storeKey = `onething.sign.${linkToken}`;
const anonymous = new Api();
let api = null;
let access = null;

const STEPS = ['身份核验', '短信验证', '阅读文件', '签署声明', '手写签名', '完成'];
const FATAL = new Set(['link-locked', 'link-expired', 'link-used', 'case-expired', 'case-declined', 'not-found', 'not-awaiting-signatures']);

function stepper(current) {
  return h('ol', { class: 'steps', 'aria-label': '签署步骤' },
    STEPS.map((s, i) => h('li', { 'aria-current': i === current ? 'step' : null }, `${i + 1}. ${s}`)));
}

// --- session: the access token and the pending idempotency keys survive a reload of the tab ---
function session() {
  try { return JSON.parse(sessionStorage.getItem(storeKey) ?? '{}'); } catch { return {}; }
}
function saveSession(patch) {
  sessionStorage.setItem(storeKey, JSON.stringify({ ...session(), ...patch }));
}
function pendingKey(action) {
  const keys = session().keys ?? {};
  if (!keys[action]) {
    keys[action] = newIdempotencyKey();
    saveSession({ keys });
  }
  return keys[action];
}
function settleKey(action) {
  const keys = session().keys ?? {};
  delete keys[action];
  saveSession({ keys });
}

function fatal(error) {
  const code = error instanceof ApiError ? error.code : null;
  const title = {
    'link-locked': '链接已锁定',
    'link-expired': '链接已过期',
    'link-used': '链接已使用',
    'case-expired': '签署期限已届满',
    'case-declined': '案件已拒签',
    'not-found': '链接无效',
    'already-signed': '您已完成签署',
  }[code] ?? '无法继续';
  show(app, h('h1', {}, title), message('error', describeError(error)),
    h('p', {}, '如需帮助，请联系为您办理贷款的公积金中心。'));
}

// --- 0. what the link is for (before identity: nothing that names the person) ---
async function landingStep() {
  let landing;
  try {
    landing = await anonymous.get(`/access/${encodeURIComponent(linkToken)}`);
  } catch (err) {
    if (err instanceof ApiError && (FATAL.has(err.code) || err.code === 'already-signed')) return fatal(err);
    return retryable(err, landingStep);
  }
  const card = h('dl', { class: 'facts landing', id: 'landing-card' },
    h('dt', {}, '办理机构'), h('dd', {}, landing.centreName),
    h('dt', {}, '咨询电话'), h('dd', {}, h('a', { href: `tel:${landing.centrePhone}` }, landing.centrePhone)),
    h('dt', {}, '合同编号'), h('dd', {}, landing.contractNumber),
    h('dt', {}, '贷款金额'), h('dd', {}, formatYuan(landing.loanAmountFen)),
    h('dt', {}, '贷款期限'), h('dd', {}, formatTerm(landing.termMonths)),
    h('dt', {}, '签署截止'), h('dd', { id: 'sign-by' }, formatTime(landing.signBy)),
    h('dt', {}, '您的身份'), h('dd', {}, label(partyRole, landing.role)));
  const start = h('button', { type: 'button' }, '开始办理');
  start.addEventListener('click', () => identityStep());
  if (!landing.yourTurn) {
    const waitFor = landing.waitingForRoles.map(r => label(partyRole, r)).join('、');
    const again = h('button', { type: 'button', class: 'secondary' }, '刷新状态');
    again.addEventListener('click', () => landingStep());
    return show(app, h('h1', {}, '请等待前一位签署人'), card,
      message('info', `本案件按顺序签署：需等待${waitFor}签署完成后，才轮到您签署。轮到您时系统会自动给您发送签署短信，届时打开短信中的链接即可，无需现在核验身份。`),
      h('div', { class: 'actions' }, again));
  }
  show(app, h('h1', {}, '住房公积金贷款合同待您签署'), card,
    landing.returning ? message('info', '您之前打开过此链接。为保护您的信息，请再次核验身份并获取新的验证码；已阅读的页面、签署声明和手写签名会保留。') : null,
    h('p', { class: 'hint' }, '办理约需 10 分钟：核验身份 → 短信验证 → 逐页阅读合同 → 确认声明 → 手写签名。如对合同内容有疑问，请先致电上述电话。'),
    h('div', { class: 'actions' }, start));
}

// --- 1. identity ---
function identityStep(note) {
  const error = h('div', { id: 'identity-error' });
  // A numeric keypad for the 17 digits; the X of the check character has its own key beside the field.
  const idInput = h('input', { id: 'idNumber', name: 'idNumber', type: 'text', autocomplete: 'off', inputmode: 'numeric', required: true, maxlength: '18',
    pattern: '[0-9]{17}[0-9Xx]', 'aria-describedby': 'id-hint' });
  const xKey = h('button', { type: 'button', class: 'secondary x-key' }, '输入 X');
  xKey.addEventListener('click', () => {
    if (idInput.value.length < 18) idInput.value = `${idInput.value}X`;
    idInput.focus();
  });
  const form = h('form', { novalidate: true, 'aria-describedby': 'identity-hint' },
    h('p', { id: 'identity-hint', class: 'hint' }, '请填写与贷款申请一致的姓名和 18 位居民身份证号码。连续 5 次不一致，链接将被锁定。'),
    h('div', { class: 'field' }, h('label', { for: 'name' }, '姓名'),
      h('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'name', required: true, maxlength: '50' })),
    h('div', { class: 'field' }, h('label', { for: 'idNumber' }, '身份证号码'),
      h('div', { class: 'id-entry' }, idInput, xKey),
      h('p', { id: 'id-hint', class: 'hint' }, '最后一位是 X 时，请点右侧的“输入 X”。')),
    error,
    h('button', { type: 'submit' }, '下一步：获取短信验证码'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const name = form.name.value.trim();
    const idNumber = form.idNumber.value.trim().toUpperCase();
    if (!name) {
      show(error, message('error', '请填写姓名。'));
      return form.name.focus();
    }
    const problem = idNumberProblem(idNumber);
    if (problem) {
      show(error, message('error', problem));
      idInput.setAttribute('aria-invalid', 'true');
      return idInput.focus();
    }
    idInput.removeAttribute('aria-invalid');
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const challenge = await anonymous.post(`/access/${encodeURIComponent(linkToken)}/identity`, { name, idNumber });
      codeStep(challenge);
    } catch (err) {
      button.disabled = false;
      if (err instanceof ApiError && err.code === 'identity-already-verified') return codeStep(null, describeError(err));
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      if (err instanceof ApiError && err.code === 'already-signed') return fatal(err);
      show(error, message('error', describeError(err)));
      form.idNumber.focus();
    }
  });
  show(app, stepper(0), h('h1', {}, '身份核验'), note ? message('info', note) : null, form);
}

// --- 2. one-time code ---
function codeStep(challenge, note) {
  const error = h('div');
  const info = challenge
    ? message('info', `验证码已发送至 ${challenge.phoneMasked}，${formatTime(challenge.expiresAt)} 前有效。`)
    : message('info', note ?? '请输入短信验证码，或重新获取。');
  const resend = h('button', { type: 'button', class: 'secondary' }, '重新获取验证码');
  let timer = null;
  const countdown = until => {
    clearInterval(timer);
    const tick = () => {
      const left = Math.ceil((new Date(until) - Date.now()) / 1000);
      resend.disabled = left > 0;
      resend.textContent = left > 0 ? `重新获取验证码（${left} 秒）` : '重新获取验证码';
      if (left <= 0) clearInterval(timer);
    };
    tick();
    timer = setInterval(tick, 1000);
  };
  if (challenge) countdown(challenge.resendAvailableAt);
  resend.addEventListener('click', async () => {
    resend.disabled = true;
    try {
      const next = await anonymous.post(`/access/${encodeURIComponent(linkToken)}/code/resend`, {});
      show(info, h('p', {}, `新的验证码已发送至 ${next.phoneMasked}，${formatTime(next.expiresAt)} 前有效。`));
      show(error);
      countdown(next.resendAvailableAt);
    } catch (err) {
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      show(error, message('error', describeError(err)));
      if (err instanceof ApiError && err.problem?.retryAfterSeconds) countdown(Date.now() + err.problem.retryAfterSeconds * 1000);
      else resend.disabled = false;
    }
  });
  const form = h('form', { novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'code' }, '短信验证码'),
      h('input', { id: 'code', name: 'code', type: 'text', inputmode: 'numeric', autocomplete: 'one-time-code', required: true, maxlength: '8' })),
    error,
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '验证并继续'), resend));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const code = form.code.value.trim();
    if (!code) {
      show(error, message('error', '请输入短信验证码。'));
      return;
    }
    try {
      access = await anonymous.post(`/access/${encodeURIComponent(linkToken)}/code`, { code });
      clearInterval(timer);
      saveSession({ access });
      api = new Api(access.accessToken);
      await loadCase();
    } catch (err) {
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      // The code belongs to the device that passed the identity check; this one must pass it first.
      if (err instanceof ApiError && err.code === 'identity-not-verified') {
        clearInterval(timer);
        return identityStep(describeError(err));
      }
      show(error, message('error', describeError(err)));
      form.code.select();
    }
  });
  show(app, stepper(1), h('h1', {}, '短信验证'), info, form);
}

// --- 3. reading: resumed from the server's record of pages read ---
let theCase = null;
let progress = null;
let facts = null;

async function loadCase() {
  try {
    [theCase, progress] = await Promise.all([api.get(`/cases/${access.caseId}`), api.get(`/cases/${access.caseId}/progress`).catch(err => {
      // Once signed or stopped there is no progress to resume; the case view says why.
      if (err instanceof ApiError && err.status === 409) return null;
      throw err;
    })]);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      sessionStorage.removeItem(storeKey);
      return identityStep('访问已过期，请重新核验身份。');
    }
    return retryable(err, loadCase);
  }
  const me = theCase.parties.find(p => p.id === access.partyId);
  if (me?.status === 'Signed') return resultStep(null, '您已完成签署，无需重复签署。');
  if (theCase.status === 'Declined' || me?.status === 'Declined') return declinedStep(theCase);
  if (theCase.status === 'Expired') return fatal(new ApiError(410, { code: 'case-expired' }));
  if (theCase.status !== 'AwaitingSignatures' || !progress) return resultStep(null, `案件当前状态：${label(caseStatus, theCase.status)}。`);
  if (!progress.yourTurn) return waitStep();
  return resume();
}

/** The first place with something left to do: an unread page, the consent, the handwriting, or the signature itself. */
function resume() {
  const docs = progress.documents;
  const index = docs.findIndex(d => d.pagesRead.length < d.pageCount);
  if (index >= 0) return readStep(index);
  if (!progress.consentAccepted) return consentStep();
  return handwritingStep();
}

function waitStep() {
  const names = progress.waitingFor.map(p => `${label(partyRole, p.role)} ${p.name}`).join('、');
  const again = h('button', { type: 'button', class: 'secondary' }, '刷新状态');
  again.addEventListener('click', () => loadCase());
  show(app, h('h1', {}, '请等待前一位签署人'),
    message('info', `本案件按顺序签署：${names} 签署完成后才轮到您。轮到您时会收到短信。`),
    h('div', { class: 'actions' }, again));
}

function retryable(err, again) {
  const retry = h('button', { type: 'button' }, '重试');
  retry.addEventListener('click', () => again());
  show(app, h('h1', {}, err instanceof NetworkError ? '网络连接中断' : '请求未成功'), message('error', describeError(err)), h('div', { class: 'actions' }, retry));
}

const ZOOMS = [1, 1.5, 2, 3];

async function readStep(index, startPage) {
  const docs = progress.documents;
  const doc = docs[index];
  const caseDoc = theCase.documents.find(d => d.kind === doc.kind);
  const totalPages = docs.reduce((n, d) => n + d.pageCount, 0);
  const readElsewhere = docs.reduce((n, d, i) => n + (i === index ? 0 : d.pagesRead.length), 0);
  const seen = new Set(doc.pagesRead);
  const title = label(documentKind, doc.kind);
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title} 第 1 页` });
  const viewer = h('div', { class: 'viewer', id: 'viewer', tabindex: '0', role: 'region', 'aria-label': '文件页面（放大后可滚动查看）' }, canvas);
  const pageOut = h('output', { 'aria-live': 'polite', id: 'page-number' }, '');
  const overall = h('progress', { id: 'progress', max: String(totalPages), value: String(readElsewhere + seen.size) });
  const overallText = h('p', { class: 'hint', id: 'progress-text' }, `已阅读 ${readElsewhere + seen.size} / ${totalPages} 页`);
  const prev = h('button', { type: 'button', class: 'secondary' }, '上一页');
  const next = h('button', { type: 'button' }, '下一页');
  const done = h('button', { type: 'button', hidden: true, id: 'reading-done' }, index + 1 < docs.length ? '已读完本文件，阅读下一份' : '已读完全部文件，继续');
  const unreadNote = h('p', { class: 'hint', id: 'unread-note' });
  const zoomOut = h('button', { type: 'button', class: 'secondary' }, '缩小');
  const zoomFit = h('button', { type: 'button', class: 'secondary' }, '适合宽度');
  const zoomIn = h('button', { type: 'button', class: 'secondary' }, '放大');
  const zoomOut2 = h('output', { id: 'zoom-level' }, '100%');
  const strip = h('ol', { class: 'page-strip', id: 'page-strip', 'aria-label': '页码导航（未读页面已标出）' });
  const download = h('button', { type: 'button', class: 'secondary' }, '下载本文件 PDF');
  download.addEventListener('click', async () => saveBlob(await api.blob(`/cases/${theCase.id}/documents/${doc.kind}`), `${caseDoc.documentId}-r${doc.revision}.pdf`));
  const schedule = doc.kind === 'loan-contract' ? scheduleDisclosure() : null;
  show(app, stepper(2),
    h('h1', {}, `阅读文件 ${index + 1}/${docs.length}：${title}`),
    h('p', { class: 'hint' }, '请逐页阅读全部内容，每页显示完整后计为已读。可用“放大”查看细节，横屏可看到更大的页面。'),
    h('label', { for: 'progress' }, '阅读进度'), overall, overallText,
    h('div', { class: 'zoom-bar', role: 'group', 'aria-label': '页面缩放' }, zoomOut, zoomFit, zoomIn, zoomOut2),
    viewer,
    schedule,
    h('nav', { 'aria-label': '本文件页码' }, strip),
    h('div', { class: 'pager-bar' }, h('div', { class: 'pager' }, prev, pageOut, next), unreadNote, done),
    h('div', { class: 'actions' }, download, declineButton()));

  let pdf;
  let PageCanvas;
  try {
    const bytes = await (await api.blob(`/cases/${theCase.id}/documents/${doc.kind}`)).arrayBuffer();
    const viewerModule = await import('/sign/pdf-viewer.js');
    PageCanvas = viewerModule.PageCanvas;
    pdf = await viewerModule.openPdf(bytes);
  } catch (err) {
    return retryable(err, () => readStep(index, startPage));
  }
  const pages = new PageCanvas(pdf, canvas);
  let zoom = 0;
  const firstUnread = () => { for (let n = 1; n <= pdf.numPages; n++) if (!seen.has(n)) return n; return null; };
  let page = startPage ?? firstUnread() ?? 1;
  const pending = new Set();

  const stripButtons = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const b = h('button', { type: 'button', class: 'secondary' });
    b.addEventListener('click', () => go(n));
    stripButtons.push(b);
    strip.append(h('li', {}, b));
  }

  // Pages drawn are sent to the server (merged there); a failed send is retried with the next one.
  const sync = async () => {
    if (pending.size === 0) return;
    const batch = [...pending];
    try {
      progress = await api.post(`/cases/${theCase.id}/progress`, { kind: doc.kind, revision: doc.revision, pages: batch });
      batch.forEach(n => pending.delete(n));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'revision-changed') return loadCase();
    }
  };

  const refresh = () => {
    prev.disabled = page <= 1;
    next.disabled = page >= pdf.numPages;
    pageOut.textContent = `第 ${page} / ${pdf.numPages} 页`;
    overall.value = readElsewhere + seen.size;
    overallText.textContent = `已阅读 ${readElsewhere + seen.size} / ${totalPages} 页`;
    stripButtons.forEach((b, i) => {
      const n = i + 1;
      const read = seen.has(n);
      b.textContent = `第${n}页 ${read ? '✔已读' : '未读'}`;
      b.classList.toggle('is-unread', !read);
      if (n === page) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
    });
    const unread = firstUnread();
    done.hidden = unread !== null;
    unreadNote.textContent = unread === null ? '' : `本文件还有 ${pdf.numPages - seen.size} 页未读，可点页码直接跳到未读页。`;
    zoomOut.disabled = zoom === 0;
    zoomIn.disabled = zoom === ZOOMS.length - 1;
    zoomOut2.textContent = `${Math.round(ZOOMS[zoom] * 100)}%`;
    viewer.classList.toggle('zoomed', zoom > 0);
  };

  const draw = async () => {
    refresh();
    canvas.setAttribute('aria-label', `${title} 第 ${page} 页，共 ${pdf.numPages} 页`);
    const shown = page;
    const width = Math.max(200, viewer.clientWidth - 16) * ZOOMS[zoom];
    let complete;
    try {
      complete = await pages.draw(shown, width);
    } catch (err) {
      return show(unreadNote, message('error', `第 ${shown} 页显示失败，请重试：${describeError(err)}`));
    }
    // Counted only once the page is fully drawn, and only if it is still the page asked for.
    if (complete && !seen.has(shown)) {
      seen.add(shown);
      pending.add(shown);
      refresh();
      sync();
    }
  };
  const go = n => { page = Math.min(Math.max(1, n), pdf.numPages); draw(); };
  prev.addEventListener('click', () => go(page - 1));
  next.addEventListener('click', () => go(page + 1));
  zoomIn.addEventListener('click', () => { zoom = Math.min(zoom + 1, ZOOMS.length - 1); draw(); });
  zoomOut.addEventListener('click', () => { zoom = Math.max(zoom - 1, 0); draw(); });
  zoomFit.addEventListener('click', () => { zoom = 0; draw(); });
  // Rotation or a resized window redraws the page to the new width (landscape gives a larger page).
  let resizeTimer = null;
  let lastWidth = viewer.clientWidth;
  const onResize = () => {
    if (!viewer.isConnected) return window.removeEventListener('resize', onResize);
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (viewer.clientWidth !== lastWidth) { lastWidth = viewer.clientWidth; draw(); } }, 150);
  };
  window.addEventListener('resize', onResize);
  done.addEventListener('click', async () => {
    await sync();
    window.removeEventListener('resize', onResize);
    return index + 1 < docs.length ? readStep(index + 1) : (progress.consentAccepted ? handwritingStep() : consentStep());
  });
  await draw();
}

/** The repayment schedule as one scrolling table: easier on a phone than many small pages of figures. */
function scheduleDisclosure() {
  const holder = h('div', { class: 'schedule-scroll', tabindex: '0', role: 'region', 'aria-label': '还款计划表' }, h('p', {}, '正在加载…'));
  const details = h('details', { class: 'schedule', id: 'schedule' }, h('summary', {}, '查看还款计划表（表格，可上下滚动）'), holder);
  details.addEventListener('toggle', async () => {
    if (!details.open || holder.dataset.loaded) return;
    try {
      const f = await caseFacts();
      holder.dataset.loaded = '1';
      show(holder, h('table', {},
        h('caption', {}, `共 ${f.schedule.length} 期，每月 ${f.repaymentDay} 日扣款`),
        h('thead', {}, h('tr', {}, ['期数', '还款日', '月供', '本金', '利息', '剩余本金'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, f.schedule.map(i => h('tr', {},
          h('td', {}, String(i.number)), h('td', {}, i.dueDate), h('td', {}, formatYuan(i.paymentFen)),
          h('td', {}, formatYuan(i.principalFen)), h('td', {}, formatYuan(i.interestFen)), h('td', {}, formatYuan(i.remainingBalanceFen)))))));
    } catch (err) {
      show(holder, message('error', describeError(err)));
    }
  });
  return details;
}

async function caseFacts() {
  return caseFactsOf(theCase.id);
}

async function caseFactsOf(caseId) {
  facts ??= await api.get(`/cases/${caseId}/facts`);
  return facts;
}

// --- 4. consent ---
async function consentStep() {
  let consent;
  try {
    consent = await api.get(`/cases/${theCase.id}/consent`);
  } catch (err) {
    return retryable(err, consentStep);
  }
  const error = h('div');
  const box = h('input', { type: 'checkbox', id: 'agree', name: 'agree' });
  const go = h('button', { type: 'submit', disabled: true }, '同意并继续');
  box.addEventListener('change', () => { go.disabled = !box.checked; });
  const form = h('form', {},
    h('blockquote', { class: 'consent', id: 'consent-text', lang: 'zh-CN' }, consent.text),
    h('label', { class: 'check', for: 'agree' }, box, '我已阅读并同意上述声明'),
    error,
    h('div', { class: 'actions' }, go, declineButton()));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!box.checked) return;
    go.disabled = true;
    try {
      // The text is sent back exactly as received: the server compares it byte for byte.
      await api.post(`/cases/${theCase.id}/consent`, { text: consent.text }, pendingKey('consent'));
      settleKey('consent');
      if (progress) progress.consentAccepted = true;
      handwritingStep();
    } catch (err) {
      go.disabled = false;
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      show(error, message('error', describeError(err)));
    }
  });
  show(app, stepper(3), h('h1', {}, '签署声明'), h('p', { class: 'hint' }, '请仔细阅读以下声明，勾选后继续。'), form);
}

// --- 5. handwriting and sign ---
/** What the person is about to sign, in figures they can check against what the centre told them. */
function signingSummary(f) {
  const mine = f.signaturePlaces.filter(p => p.fieldName === access.fieldName);
  const payment = f.method === 'EqualPrincipal'
    ? `首月 ${formatYuan(f.firstPaymentFen)}，此后每月递减 ${formatYuan(f.monthlyDecreaseFen)}（等额本金）`
    : `每月 ${formatYuan(f.firstPaymentFen)}（等额本息）`;
  return h('section', { class: 'summary', 'aria-labelledby': 'summary-title', id: 'signing-summary' },
    h('h2', { id: 'summary-title' }, '签署前请确认'),
    h('dl', { class: 'facts' },
      h('dt', {}, '合同编号'), h('dd', {}, f.contractNumber),
      h('dt', {}, '贷款金额'), h('dd', {}, formatYuan(f.loanAmountFen)),
      h('dt', {}, '贷款期限'), h('dd', {}, formatTerm(f.termMonths)),
      h('dt', {}, '年利率'), h('dd', {}, `${f.annualRatePercent}%`),
      h('dt', {}, '月还款额'), h('dd', {}, payment),
      h('dt', {}, '首次还款'), h('dd', {}, `${f.firstRepaymentDate}，此后每月 ${f.repaymentDay} 日`),
      h('dt', {}, '扣款账户'), h('dd', { id: 'deduction-account' }, `${f.deductionBankName} ${f.deductionAccountMasked}`),
      h('dt', {}, '签名位置'), h('dd', {}, h('ul', {}, mine.map(p => h('li', {}, `${label(documentKind, p.documentKind)} 第 ${p.page} 页`))))),
    h('p', { class: 'hint' }, '您的手写签名将出现在以上每个位置，并附数字证书和可信时间。'));
}

async function handwritingStep() {
  let f;
  try {
    f = await caseFacts();
  } catch (err) {
    return retryable(err, handwritingStep);
  }
  const error = h('div');
  const submit = h('button', { type: 'button' }, '提交签名并签署');
  const pad = new SignaturePad(() => show(error));
  const undo = h('button', { type: 'button', class: 'secondary' }, '撤销一笔');
  const clearButton = h('button', { type: 'button', class: 'secondary' }, '清除重写');
  const fullScreen = h('button', { type: 'button', class: 'secondary', id: 'pad-full-screen' }, '全屏书写');
  undo.addEventListener('click', () => pad.undo());
  clearButton.addEventListener('click', () => pad.clear());
  fullScreen.addEventListener('click', () => pad.openFullScreen(() => submit.focus()));
  submit.addEventListener('click', async () => {
    const problem = pad.problem();
    if (problem) {
      show(error, message('error', problem));
      return;
    }
    submit.disabled = true;
    try {
      const png = await pad.toPngBlob();
      await api.request('POST', `/cases/${theCase.id}/handwriting`, { body: png, contentType: 'image/png', idempotencyKey: newIdempotencyKey() });
      if (progress) progress.handwritingStored = true;
      await signStep();
    } catch (err) {
      submit.disabled = false;
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      show(error, message('error', describeError(err)));
    }
  });
  // A signature drawn on an earlier visit is kept on the server: it can be used as it is, or written again.
  const saved = progress?.handwritingStored ? h('button', { type: 'button', class: 'secondary', id: 'use-saved' }, '使用上次保存的手写签名签署') : null;
  saved?.addEventListener('click', () => signStep());
  show(app, stepper(4), h('h1', {}, '手写签名'),
    signingSummary(f),
    saved ? message('info', '您上次已保存手写签名，可直接使用，也可在下方重新书写。', h('div', { class: 'actions' }, saved)) : null,
    h('p', { class: 'hint', id: 'pad-hint' }, '请在下方框内用正楷书写您的姓名。写不下时点“全屏书写”，把手机横过来，书写区域更大。'),
    pad.element,
    h('div', { class: 'actions' }, undo, clearButton, fullScreen),
    error,
    h('div', { class: 'actions' }, submit, declineButton()));
}

async function signStep() {
  show(app, stepper(4), h('h1', {}, '正在签署…'), message('info', '正在为您申请数字证书并签署全部文件，请稍候，不要关闭页面。'));
  try {
    const result = await api.post(`/cases/${theCase.id}/sign`, undefined, pendingKey('sign'));
    settleKey('sign');
    await resultStep(result, '签署成功！');
  } catch (err) {
    if (err instanceof ApiError && err.code === 'already-signed') {
      settleKey('sign');
      return resultStep(null, describeError(err));
    }
    if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
    const retry = h('button', { type: 'button' }, '重试签署');
    retry.addEventListener('click', () => signStep());
    show(app, stepper(4), h('h1', {}, err instanceof NetworkError ? '网络连接中断' : '签署未完成'),
      message('error', describeError(err)),
      err instanceof NetworkError ? h('p', {}, '重试不会重复签署：如果服务器已完成签署，将直接显示签署结果。') : null,
      h('div', { class: 'actions' }, retry));
  }
}

// --- 6. result: what happens next, in plain words; the detailed record one click away ---
const AFTER_SIGNING = ['AwaitingCountersign', 'AwaitingSeal', 'Sealed', 'MortgageRegistrationRequested', 'MortgageRegistered',
  'DisbursementRequested', 'Disbursed', 'Completed'];
const reached = (status, from) => AFTER_SIGNING.indexOf(status) >= AFTER_SIGNING.indexOf(from);
const lastAt = (timeline, action) => timeline.filter(e => e.action === action).map(e => e.at).pop();

/**
 * The case's remaining road as steps a borrower understands: each signer, the centre's review and seal,
 * the mortgage registration, the bank's disbursement — each done (with when), under way (with what the
 * person can expect and by when) or still to come.
 */
function nextSteps(current, f, timeline) {
  const steps = [];
  const bank = `${f.bankName}${f.bankBranch}`;
  const waitingOn = current.parties.filter(p => p.status !== 'Signed');
  for (const p of current.parties) {
    const who = `${label(partyRole, p.role)} ${p.name}${p.id === access.partyId ? '（您）' : ''}`;
    if (p.status === 'Signed') {
      steps.push({ state: 'done', title: `${who}签署`, detail: `已于 ${formatTime(p.signedAt)} 签署。` });
      continue;
    }
    // In a sequential case only the first signer still to sign is at work; the later ones get their SMS in turn.
    const turn = current.signingOrder !== 'Sequential' || p.id === waitingOn[0].id;
    steps.push(turn
      ? { state: 'current', title: `${who}签署`, detail: `签署链接已通过短信发给${label(partyRole, p.role)}，须在 ${formatTime(current.expiresAt)} 前完成签署。` }
      : { state: 'todo', title: `${who}签署`, detail: `前一位签署人签署后，系统自动短信通知${label(partyRole, p.role)}签署（截止 ${formatTime(current.expiresAt)}）。` });
  }
  const allSigned = waitingOn.length === 0;
  const sealed = reached(current.status, 'Sealed');
  steps.push(sealed
    ? { state: 'done', title: `${f.centreName}审核并加盖电子印章`, detail: `已于 ${formatTime(lastAt(timeline, 'sealed'))} 完成，已短信通知您。` }
    : { state: allSigned ? 'current' : 'todo', title: `${f.centreName}审核并加盖电子印章`,
      detail: `所有签署人签署后，中心经办人审核合同并加盖中心电子印章，完成后短信通知您。如有疑问请致电 ${f.centrePhone}。` });
  const registered = reached(current.status, 'MortgageRegistered');
  steps.push(registered
    ? { state: 'done', title: '办理抵押登记', detail: `已于 ${formatTime(lastAt(timeline, 'mortgage-registered'))} 完成（${f.propertyAddress}）。` }
    : { state: sealed ? 'current' : 'todo', title: '办理抵押登记', detail: `盖章后，中心为 ${f.propertyAddress} 申请抵押登记，您无需到场。` });
  const disbursed = reached(current.status, 'Disbursed');
  steps.push(disbursed
    ? { state: 'done', title: `${bank}发放贷款`, detail: `${formatYuan(f.loanAmountFen)} 已于 ${formatTime(lastAt(timeline, 'loan-disbursed'))} 发放，已短信通知您。首次还款日 ${f.firstRepaymentDate}，此后每月 ${f.repaymentDay} 日从 ${f.deductionBankName} ${f.deductionAccountMasked} 扣款，请保证余额充足。` }
    : { state: registered ? 'current' : 'todo', title: `${bank}发放贷款`,
      detail: `抵押登记完成后，银行发放 ${formatYuan(f.loanAmountFen)}，放款后短信通知您。首次还款日 ${f.firstRepaymentDate}，每月 ${f.repaymentDay} 日从 ${f.deductionBankName} ${f.deductionAccountMasked} 扣款。` });
  const stateText = { done: '✔ 已完成', current: '▶ 正在进行', todo: '○ 尚未开始' };
  return h('ol', { class: 'next-steps', id: 'next-steps' }, steps.map(s =>
    h('li', { class: `is-${s.state}` },
      h('span', { class: 'step-state' }, stateText[s.state]),
      h('span', { class: 'step-title' }, s.title),
      h('span', {}, s.detail))));
}

async function resultStep(result, note) {
  let current, timeline, f;
  try {
    [current, timeline, f] = await Promise.all([api.get(`/cases/${access.caseId}`), api.get(`/cases/${access.caseId}/timeline`), caseFactsOf(access.caseId)]);
  } catch (err) {
    return retryable(err, () => resultStep(result, note));
  }
  const docs = current.documents.map(d => {
    const button = h('button', { type: 'button', class: 'secondary' }, `下载 ${label(documentKind, d.kind)}`);
    button.addEventListener('click', async () => {
      try {
        saveBlob(await api.blob(`/cases/${current.id}/documents/${d.kind}`), `${d.documentId}-r${d.revision}.pdf`);
      } catch (err) {
        button.after(message('error', describeError(err)));
      }
    });
    return h('li', {}, h('span', {}, `${label(documentKind, d.kind)}（第 ${d.revision} 版，${d.pageCount} 页）`), button);
  });
  const refresh = h('button', { type: 'button', class: 'secondary' }, '刷新进度');
  refresh.addEventListener('click', () => resultStep(null, note));
  show(app, stepper(5), h('h1', {}, note ?? '签署结果'),
    result ? message('ok', `您的签名已加入全部 ${result.documents.length} 份文件。`) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, '合同编号'), h('dd', {}, current.contractNumber),
      h('dt', {}, '案件状态'), h('dd', { id: 'case-status' }, label(caseStatus, current.status))),
    h('h2', {}, '接下来会怎样'),
    nextSteps(current, f, timeline),
    h('div', { class: 'actions' }, refresh),
    h('h2', {}, '已签署的文件'),
    h('ul', { class: 'doc-list' }, docs),
    h('details', { class: 'more', id: 'case-record' }, h('summary', {}, '办理记录（每一步的时间）'), renderTimeline(timeline)));
}

// --- decline ---
function declineButton() {
  const button = h('button', { type: 'button', class: 'secondary' }, '拒绝签署');
  button.addEventListener('click', openDecline);
  return button;
}

function openDecline() {
  const error = h('div');
  const reason = h('textarea', { id: 'decline-reason', name: 'reason', required: true, maxlength: '500' });
  const confirm = h('button', { type: 'submit' }, '确认拒签');
  const cancel = h('button', { type: 'button', class: 'secondary' }, '返回');
  const dialog = h('dialog', { 'aria-labelledby': 'decline-title' },
    h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'decline-title' }, '拒绝签署'),
      h('p', {}, '拒签后本案件将终止，所有签署人都无法继续签署。'),
      h('div', { class: 'field' }, h('label', { for: 'decline-reason' }, '拒签原因（必填）'), reason),
      error,
      h('div', { class: 'actions' }, confirm, cancel)));
  cancel.addEventListener('click', () => { dialog.close(); dialog.remove(); });
  dialog.querySelector('form').addEventListener('submit', async e => {
    e.preventDefault();
    const text = reason.value.trim();
    if (!text) {
      show(error, message('error', '请填写拒签原因。'));
      reason.focus();
      return;
    }
    confirm.disabled = true;
    try {
      const view = await api.post(`/cases/${theCase.id}/decline`, { reason: text }, pendingKey('decline'));
      settleKey('decline');
      dialog.close();
      dialog.remove();
      declinedStep(view);
    } catch (err) {
      confirm.disabled = false;
      show(error, message('error', describeError(err)));
    }
  });
  document.body.append(dialog);
  dialog.showModal();
  reason.focus();
}

function declinedStep(view) {
  const me = view.parties.find(p => p.status === 'Declined');
  show(app, h('h1', {}, '案件已拒签'),
    message('error', '本案件已被拒签，无法继续签署。'),
    me ? h('p', {}, `${label(partyRole, me.role)} ${me.name} 于 ${formatTime(me.declinedAt)} 拒签，原因：${me.declineReason}`) : null,
    h('p', {}, '如有疑问，请联系公积金中心。'));
}

// --- start ---
const saved = session().access;
if (!linkToken || linkToken.includes('/')) {
  fatal(new ApiError(404, { code: 'not-found' }));
} else if (saved && new Date(saved.expiresAt) > new Date()) {
  access = saved;
  api = new Api(access.accessToken);
  loadCase();
} else {
  landingStep();
}
