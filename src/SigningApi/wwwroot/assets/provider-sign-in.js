// The sign-in step the staff console and the verification page share when staff sign in through
// the organisation's OpenID Connect provider, and the notice when the service has no staff sign-in.
import { h, show, message } from '/assets/dom.js';
import { describeSignInError } from '/assets/staff-session.js';

/**
 * Shows the provider's sign-in button (OIDC mode) or the "not configured" notice and returns true;
 * returns false in development mode, where the page shows its own development form.
 */
export function showProviderSignIn(app, session, heading, notice, hint) {
  if (session.mode === 'oidc') {
    const error = h('div');
    const go = h('button', { type: 'button', id: 'oidc-sign-in' }, '使用统一身份认证登录');
    go.addEventListener('click', async () => {
      go.disabled = true;
      try {
        await session.signInWithProvider();
      } catch (err) {
        go.disabled = false;
        show(error, message('error', describeSignInError(err)));
      }
    });
    show(app, heading, notice, h('div', { class: 'panel' }, h('p', { class: 'hint' }, hint), error, go));
    return true;
  }
  if (session.mode !== 'development') {
    show(app, heading, notice, message('error', '此服务未配置工作人员登录（OneThing:Web:SignIn），请联系系统管理员。'));
    return true;
  }
  return false;
}
