// The applicant's signing page: link → identity → one-time code → read every page → consent →
// handwriting → sign → signed documents and timeline. Every state-changing call carries an
// Idempotency-Key that is kept until the call succeeds, so "retry" after a lost connection can
// never sign twice: the server replays its first answer.
import { Api, ApiError, NetworkError, describeError, newIdempotencyKey } from '/assets/api.js';
import { h, show, message, formatTime, saveBlob } from '/assets/dom.js';
import { label, caseStatus, partyStatus, documentKind, partyRole } from '/assets/labels.js';
import { renderTimeline } from '/assets/timeline.js';
import { SignaturePad } from '/sign/signature-pad.js';

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
  }[code] ?? '无法继续';
  show(app, h('h1', {}, title), message('error', describeError(error)),
    h('p', {}, '如需帮助，请联系为您办理贷款的公积金中心。'));
}

// --- 1. identity ---
function identityStep(note) {
  const error = h('div', { id: 'identity-error' });
  const form = h('form', { novalidate: true, 'aria-describedby': 'identity-hint' },
    h('p', { id: 'identity-hint', class: 'hint' }, '请填写与贷款申请一致的姓名和 18 位居民身份证号码。连续 5 次不一致，链接将被锁定。'),
    h('div', { class: 'field' }, h('label', { for: 'name' }, '姓名'),
      h('input', { id: 'name', name: 'name', type: 'text', autocomplete: 'name', required: true, maxlength: '50' })),
    h('div', { class: 'field' }, h('label', { for: 'idNumber' }, '身份证号码'),
      h('input', { id: 'idNumber', name: 'idNumber', type: 'text', autocomplete: 'off', inputmode: 'text', required: true, maxlength: '18', pattern: '[0-9]{17}[0-9Xx]' })),
    error,
    h('button', { type: 'submit' }, '下一步：获取短信验证码'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const name = form.name.value.trim();
    const idNumber = form.idNumber.value.trim();
    if (!name || !/^[0-9]{17}[0-9Xx]$/.test(idNumber)) {
      show(error, message('error', '请填写姓名和 18 位身份证号码（最后一位可以是 X）。'));
      return;
    }
    const button = form.querySelector('button');
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

// --- 3. reading ---
let theCase = null;

async function loadCase() {
  try {
    theCase = await api.get(`/cases/${access.caseId}`);
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
  if (theCase.status !== 'AwaitingSignatures') return resultStep(null, `案件当前状态：${label(caseStatus, theCase.status)}。`);
  return readStep(0);
}

function retryable(err, again) {
  const retry = h('button', { type: 'button' }, '重试');
  retry.addEventListener('click', () => again());
  show(app, h('h1', {}, err instanceof NetworkError ? '网络连接中断' : '请求未成功'), message('error', describeError(err)), h('div', { class: 'actions' }, retry));
}

async function readStep(index) {
  const docs = theCase.documents;
  const doc = docs[index];
  const totalPages = docs.reduce((n, d) => n + d.pageCount, 0);
  const pagesBefore = docs.slice(0, index).reduce((n, d) => n + d.pageCount, 0);
  const title = label(documentKind, doc.kind);
  const canvas = h('canvas', { role: 'img', 'aria-label': `${title} 第 1 页` });
  const viewer = h('div', { class: 'viewer' }, canvas);
  const pageOut = h('output', { 'aria-live': 'polite' }, '');
  const overall = h('progress', { id: 'progress', max: String(totalPages), value: String(pagesBefore) });
  const overallText = h('p', { class: 'hint', id: 'progress-text' });
  const prev = h('button', { type: 'button', class: 'secondary' }, '上一页');
  const next = h('button', { type: 'button' }, '下一页');
  const done = h('button', { type: 'button', hidden: true }, index + 1 < docs.length ? '已读完本文件，阅读下一份' : '已读完全部文件，继续');
  const download = h('button', { type: 'button', class: 'secondary' }, '下载本文件 PDF');
  download.addEventListener('click', async () => saveBlob(await api.blob(`/cases/${theCase.id}/documents/${doc.kind}`), `${doc.documentId}-r${doc.revision}.pdf`));
  show(app, stepper(2),
    h('h1', {}, `阅读文件 ${index + 1}/${docs.length}：${title}`),
    h('p', { class: 'hint' }, '请逐页阅读全部内容，读完最后一页后方可继续。'),
    h('label', { for: 'progress' }, '阅读进度'), overall, overallText,
    viewer,
    h('div', { class: 'pager' }, prev, pageOut, next),
    h('div', { class: 'actions' }, done, download, declineButton()));

  let pdf;
  try {
    const bytes = await (await api.blob(`/cases/${theCase.id}/documents/${doc.kind}`)).arrayBuffer();
    const { openPdf } = await import('/sign/pdf-viewer.js');
    pdf = await openPdf(bytes);
  } catch (err) {
    return retryable(err, () => readStep(index));
  }
  const { renderPage } = await import('/sign/pdf-viewer.js');
  const seen = new Set();
  let page = 1;
  const render = async () => {
    prev.disabled = page <= 1;
    next.disabled = page >= pdf.numPages;
    pageOut.textContent = `第 ${page} / ${pdf.numPages} 页`;
    canvas.setAttribute('aria-label', `${title} 第 ${page} 页，共 ${pdf.numPages} 页`);
    await renderPage(pdf, page, canvas, Math.min(viewer.clientWidth - 16, 900));
    seen.add(page);
    overall.value = pagesBefore + seen.size;
    overallText.textContent = `已阅读 ${pagesBefore + seen.size} / ${totalPages} 页`;
    done.hidden = seen.size < pdf.numPages;
  };
  prev.addEventListener('click', () => { page--; render(); });
  next.addEventListener('click', () => { page++; render(); });
  done.addEventListener('click', () => (index + 1 < docs.length ? readStep(index + 1) : consentStep()));
  await render();
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
function handwritingStep() {
  const error = h('div');
  const submit = h('button', { type: 'button' }, '提交签名并签署');
  const pad = new SignaturePad(() => show(error));
  const undo = h('button', { type: 'button', class: 'secondary' }, '撤销一笔');
  const clearButton = h('button', { type: 'button', class: 'secondary' }, '清除重写');
  undo.addEventListener('click', () => pad.undo());
  clearButton.addEventListener('click', () => pad.clear());
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
      await signStep();
    } catch (err) {
      submit.disabled = false;
      if (err instanceof ApiError && FATAL.has(err.code)) return fatal(err);
      show(error, message('error', describeError(err)));
    }
  });
  show(app, stepper(4), h('h1', {}, '手写签名'),
    h('p', { class: 'hint', id: 'pad-hint' }, '请在下方框内用正楷书写您的姓名。'),
    pad.element,
    h('div', { class: 'actions' }, undo, clearButton),
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

// --- 6. result ---
async function resultStep(result, note) {
  let current, timeline;
  try {
    [current, timeline] = await Promise.all([api.get(`/cases/${access.caseId}`), api.get(`/cases/${access.caseId}/timeline`)]);
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
  show(app, stepper(5), h('h1', {}, note ?? '签署结果'),
    result ? message('ok', `您的签名已加入全部 ${result.documents.length} 份文件。`) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, '合同编号'), h('dd', {}, current.contractNumber),
      h('dt', {}, '案件状态'), h('dd', { id: 'case-status' }, label(caseStatus, current.status)),
      h('dt', {}, '签署人'), h('dd', {}, h('ul', {}, current.parties.map(p =>
        h('li', {}, `${label(partyRole, p.role)} ${p.name}：${label(partyStatus, p.status)}${p.signedAt ? `（${formatTime(p.signedAt)}）` : ''}`))))),
    h('h2', {}, '已签署的文件'),
    h('ul', { class: 'doc-list' }, docs),
    h('h2', {}, '办理进度'),
    renderTimeline(timeline));
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
  identityStep();
}
