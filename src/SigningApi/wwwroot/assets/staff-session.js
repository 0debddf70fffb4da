// Staff sign-in shared by the console and the verification page. The server says how
// (GET /api/v1/web/config): the embedded development issuer, or the organisation's OpenID Connect
// provider through the browser's authorization-code flow with PKCE (S256), state and nonce, done by
// oidc-client-ts (served from /lib, loaded by the page as the global `oidc`). Tokens live in
// sessionStorage only: closing the tab signs out.
import { Api, ApiError, NetworkError, describeError } from '/assets/api.js';

export class SignInRefused extends Error {}

export class StaffSession {
  /** @param {string} path the page's own path: redirect and post-logout URI at the provider. */
  constructor(config, path, storeKey) {
    this.config = config;
    this.mode = config.mode;
    this.storeKey = storeKey;
    if (this.mode === 'oidc') {
      if (typeof oidc === 'undefined') throw new Error('登录组件未加载（/lib/oidc-client-ts）。');
      const store = new oidc.WebStorageStateStore({ store: window.sessionStorage });
      this.manager = new oidc.UserManager({
        authority: config.authority,
        client_id: config.clientId,
        scope: config.scope,
        redirect_uri: location.origin + path,
        post_logout_redirect_uri: location.origin + path,
        response_type: 'code',
        userStore: store,
        stateStore: store,
        // No hidden iframes or refresh: the CSP allows no frames, and an expired session means signing in again.
        automaticSilentRenew: false,
        monitorSession: false,
        loadUserInfo: false,
      });
    }
  }

  static async load(path, storeKey) {
    return new StaffSession(await new Api().get('/web/config'), path, storeKey);
  }

  /** Calls `callback` when the provider's access token runs out (the page then asks to sign in again). */
  onExpired(callback) {
    if (this.manager) this.manager.events.addAccessTokenExpired(async () => { await this.manager.removeUser(); callback(); });
  }

  /**
   * Finishes a return from the provider (sign-in or sign-out) if the address says so, else resumes a
   * stored session. Returns { token } or { note, kind } for the sign-in screen.
   */
  async resume() {
    if (this.mode === 'oidc') {
      const query = new URLSearchParams(location.search);
      const returned = query.has('state') || query.has('code') || query.has('error');
      if (returned) {
        // The code and state must not stay in the address bar or the history.
        const url = location.href;
        history.replaceState(null, '', location.pathname);
        if (query.has('code') || query.has('error')) {
          try {
            const user = await this.manager.signinRedirectCallback(url);
            return { token: user.access_token };
          } catch (err) {
            await this.manager.removeUser();
            return { note: describeSignInError(err), kind: 'error' };
          }
        }
        try {
          await this.manager.signoutRedirectCallback(url);
        } catch {
          // A stale sign-out answer changes nothing: the local session is gone either way.
        }
        return { note: '您已退出登录。', kind: 'info' };
      }
      const user = await this.manager.getUser();
      return user && !user.expired ? { token: user.access_token } : {};
    }
    const token = sessionStorage.getItem(this.storeKey);
    return token ? { token } : {};
  }

  /** Sends the browser to the provider's sign-in page. */
  async signInWithProvider() {
    // The nonce binds the ID token to this attempt; oidc-client-ts keeps it with the state and the PKCE verifier.
    const nonce = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
    await this.manager.signinRedirect({ nonce });
  }

  /** Embedded mode: a token from the development issuer. */
  async signInForDevelopment(request) {
    const issued = await new Api().post('/dev/tokens', { ...request, lifetimeMinutes: 480 });
    sessionStorage.setItem(this.storeKey, issued.accessToken);
    return issued.accessToken;
  }

  /** The caller as the API reads the token; refuses a token without one of `roles`. */
  async caller(token, roles, refusal) {
    let me;
    try {
      me = await new Api(token).get('/web/me');
    } catch (err) {
      await this.forget();
      if (err instanceof ApiError && err.status === 403) throw new SignInRefused(refusal);
      throw err;
    }
    if (!me.roles.some(r => roles.includes(r))) {
      await this.forget();
      throw new SignInRefused(refusal);
    }
    return { ...me, token };
  }

  /** Drops the local session only. */
  async forget() {
    sessionStorage.removeItem(this.storeKey);
    if (this.manager) await this.manager.removeUser();
  }

  /** Signs out here and, when the provider offers an end-session endpoint, there too (the page then navigates away and true is returned). */
  async signOut() {
    if (!this.manager) {
      await this.forget();
      return false;
    }
    let endSession = null;
    try {
      endSession = await this.manager.metadataService.getEndSessionEndpoint();
    } catch {
      endSession = null;
    }
    if (!endSession) {
      await this.forget();
      return false;
    }
    // Drops the local user itself, after reading the ID token it sends as id_token_hint.
    // Some state makes the provider send one back, so the page knows it returns from signing out.
    await this.manager.signoutRedirect({ state: 'signed-out' });
    return true;
  }
}

/** Chinese wording for what can go wrong on the way back from the provider. */
export function describeSignInError(err) {
  if (err instanceof NetworkError || err instanceof ApiError) return describeError(err);
  if (err?.name === 'ErrorResponse' && err.error) {
    if (err.error === 'access_denied') return '您已取消登录（或统一身份认证拒绝了此次登录）。如需继续，请重新登录。';
    if (err.error === 'login_required' || err.error === 'consent_required') return '统一身份认证要求重新登录，请重新登录。';
    return `统一身份认证未能完成登录（${err.error}${err.error_description ? `：${err.error_description}` : ''}），请重新登录。`;
  }
  const text = String(err?.message ?? err);
  if (/state/i.test(text)) return '登录请求无效或已过期（状态校验未通过），为安全起见已中止。请重新登录。';
  if (/nonce/i.test(text)) return '登录响应与本次登录请求不符（nonce 校验未通过），为安全起见已中止。请重新登录。';
  if (/fetch|network/i.test(text)) return '无法连接统一身份认证服务，请检查网络后重新登录。';
  return `登录未能完成：${text}。请重新登录。`;
}
