// Thin client for /api/v1: JSON in and out, RFC 9457 problems turned into ApiError, network failures
// into NetworkError so the pages can offer a retry that reuses the same Idempotency-Key.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code ?? null;
  }
}

export class NetworkError extends Error {
  constructor(cause) {
    super('网络连接中断');
    this.cause = cause;
  }
}

export function newIdempotencyKey() {
  return crypto.randomUUID();
}

export class Api {
  constructor(token = null) {
    this.token = token;
  }

  async request(method, path, { json, body, contentType, idempotencyKey, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    let response;
    try {
      response = await fetch(`/api/v1${path}`, { method, headers, body, cache: 'no-store' });
    } catch (e) {
      throw new NetworkError(e);
    }
    if (!response.ok) {
      let problem = null;
      try {
        problem = await response.json();
      } catch {
        problem = { title: response.statusText };
      }
      throw new ApiError(response.status, problem);
    }
    return response;
  }

  async json(method, path, options) {
    const response = await this.request(method, path, options);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  get(path) { return this.json('GET', path); }
  post(path, json, idempotencyKey) { return this.json('POST', path, { json, idempotencyKey }); }

  async blob(path) {
    const response = await this.request('GET', path, { accept: '*/*' });
    return response.blob();
  }

  /** Uploads a PDF to the verifier; returns the report text (kept verbatim for the JSON download) and its parsed form. */
  async verify(file, fileName) {
    const form = new FormData();
    form.append('file', file, fileName);
    const response = await this.request('POST', '/verify', { body: form });
    const text = await response.text();
    return { text, report: JSON.parse(text) };
  }

  /** The printed 验签报告 of a PDF (verified again by the server, sealed by the centre), as a PDF blob. */
  async verifyReport(file, fileName) {
    const form = new FormData();
    form.append('file', file, fileName);
    const response = await this.request('POST', '/verify/report', { body: form, accept: 'application/pdf' });
    return response.blob();
  }
}

/** Chinese wording for the problems the pages expect; anything else shows the server's own detail. */
const messages = {
  'link-locked': '身份核验失败次数过多，此签署链接已被锁定。请联系公积金中心重新发送链接。',
  'link-expired': '此签署链接已过期。请联系公积金中心重新发送链接。',
  'link-used': '此签署链接已使用过。如需再次查看，请联系公积金中心。',
  'case-expired': '本案件的签署期限已届满，无法继续签署。',
  'case-declined': '本案件已被拒签，无法继续签署。',
  'already-signed': '您已完成签署，无需重复签署。',
  'identity-mismatch': '姓名或身份证号与案件登记信息不一致。',
  'separation-of-duties': '您已审核签署此案件，按职责分离要求须由另一名印章管理员加盖印章。',
  'revision-changed': '文件已有新的版本（其他签署人已签署），请重新阅读。',
  'identity-already-verified': '此链接的身份核验已完成，请输入短信验证码。',
  'identity-not-verified': '请先在本设备上完成身份核验（姓名和身份证号码）。',
  'code-mismatch': '验证码不正确。',
  'code-expired': '验证码已过期，请重新获取验证码。',
  'code-locked': '验证码错误次数过多，请重新获取验证码。',
  'no-code': '尚未发送验证码，请重新获取。',
  'resend-cooldown': '验证码刚刚发送过，请稍后再试。',
  'rate-limited': '操作过于频繁，请稍后再试。',
  'busy': '服务繁忙，请稍后再试。',
  'body-too-large': '提交的内容过大。',
  'consent-required': '请先确认同意签署声明。',
  'handwriting-required': '请先提交手写签名。',
  'documents-not-read': '请先完整阅读全部文件。',
  'not-your-turn': '本案件按顺序签署，请等待前一位签署人完成。',
  'not-awaiting-signatures': '本案件已不在待签署状态。',
  'invalid-image': '手写签名图片无效，请重新书写。',
  'not-a-pdf': '上传的文件不是 PDF 文件。',
  'file-too-large': '文件过大，无法核验。',
  'idempotency-in-progress': '上一次请求仍在处理中，请稍后重试。',
  'not-found': '未找到相应记录，链接可能有误。',
  'signing-period-ended': '签署期限已届满，不能再延长；如需继续办理，请重新受理。',
  'report-centre-unknown': '本文件不属于您有权查看的案件，且本服务服务多个公积金中心，无法确定由哪个中心盖章出具验签报告。',
};

export function describeError(error) {
  if (error instanceof NetworkError) return '网络连接中断，请检查网络后重试。您的操作不会被重复执行。';
  if (error instanceof ApiError) {
    const text = messages[error.code];
    if (text) {
      const remaining = error.problem?.attemptsRemaining;
      return remaining !== undefined && remaining !== null ? `${text}还可尝试 ${remaining} 次。` : text;
    }
    if (error.status === 401) return '登录已失效，请重新登录。';
    if (error.status === 403) return '您无权执行此操作。';
    if (error.status === 409) return `操作与案件当前状态冲突：${error.message}`;
    return `请求未成功（${error.status}）：${error.message}`;
  }
  return `发生错误：${error.message}`;
}
