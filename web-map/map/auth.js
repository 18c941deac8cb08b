// Accounts in the web map: the session (GET /auth/session at start, so a reload stays signed in), the sign-in
// dialog, and the header control (who is signed in, role and counties, sign-out, the Admin or Data import button).
// app.session is the last /auth/session answer; app.emit('session') tells the map to reload what depends on it.
import { h, toast, showError } from './ui.js';
import { t } from './i18n.js';
import { fetchSession, post, onApiError } from './api.js';

// The administration panel is loaded on first use (administrators only), not with the map.
let adminModule = null;
const loadAdmin = () => (adminModule ??= import('./admin.js'));

const PUBLIC = { signedIn: false, username: null, displayName: null, role: 'PUBLIC', counties: [], allCounties: false, personalData: false };
let box;
let app;

/** Staff rights in a county (administrators: everywhere). */
export function isStaffIn(session, countyCode) {
  return !!session?.signedIn && (session.allCounties || (session.counties || []).includes(countyCode));
}
const identity = (s) => JSON.stringify([s.signedIn, s.username, s.role, s.counties, s.allCounties, s.personalData]);

function apply(s) {
  const before = app.session;
  app.session = { ...PUBLIC, ...s };
  render();
  if (!before || identity(before) !== identity(app.session)) {
    // Another viewer: the panel's tabs (and the counties an import may go to) differ, so it closes.
    adminModule?.then((m) => m.closeAdmin());
    if (before) app.emit('session', app.session);
  }
}

/** Asks the server who we are (also refreshes the CSRF token). Failures leave the map public. */
export async function loadSession() {
  try {
    apply(await fetchSession());
  } catch (err) {
    if (!app.session) apply(PUBLIC);
    showError(err);
  }
  return app.session;
}

let recheck = null;
function recheckSoon() {
  // A FORBIDDEN answer while we think we are signed in: the session may have ended (timeout, account disabled).
  recheck ??= setTimeout(async () => {
    recheck = null;
    const was = app.session.signedIn;
    await loadSession();
    if (was && !app.session.signedIn) toast(t('auth.expired'), 'error');
  }, 200);
}

function countyNames(s) {
  if (s.allCounties) return t('auth.allCounties');
  return s.counties.map((c) => app.counties.find((x) => x.code === c)?.name || c).join('、');
}

function render() {
  if (!box) return;
  const s = app.session || PUBLIC;
  if (!s.signedIn) {
    box.replaceChildren(h('button.btn.signin', { 'data-testid': 'sign-in', onclick: () => openSignIn() }, t('auth.signIn')));
    return;
  }
  const counties = countyNames(s);
  box.replaceChildren(...[
    h('span.who', { 'data-testid': 'who', title: `${s.username} · ${t(`role.${s.role.toLowerCase()}`)} · ${counties}` },
      h('b.name', s.displayName || s.username),
      h(`span.role.role-${s.role.toLowerCase()}`, t(`role.${s.role.toLowerCase()}`)),
      h('span.counties', counties)),
    s.role === 'ADMIN' ? h('button.btn.admin', { 'data-testid': 'admin', onclick: () => loadAdmin().then((m) => m.openAdmin(app), showError) }, t('admin'))
      // Staff import their counties' survey files: the same panel with only the import tab.
      : h('button.btn.admin', { 'data-testid': 'import-open', onclick: () => loadAdmin().then((m) => m.openAdmin(app, 'import'), showError) }, t('admin.import')),
    h('button.btn.signout', { 'data-testid': 'sign-out', onclick: () => signOut() }, t('auth.signOut')),
  ].filter(Boolean));
}

export function mountAccount(theApp, container) {
  app = theApp;
  box = container;
  app.session ??= null;
  app.isStaffIn = (county) => isStaffIn(app.session, county);
  app.on('lang', () => {
    render();
    adminModule?.then((m) => { if (m.adminOpen()) m.openAdmin(app); });
  });
  app.on('ready', render);
  onApiError((err) => { if (err.code === 'FORBIDDEN' && app.session?.signedIn) recheckSoon(); });
  render();
}

async function signOut() {
  try {
    const { res, body } = await post('/auth/logout', {});
    if (!res.ok) throw Object.assign(new Error(body?.detail || `HTTP ${res.status}`), { display: `${body?.code || `HTTP ${res.status}`}: ${body?.detail || ''}` });
  } catch (err) {
    showError(err);
    return;
  }
  await loadSession();
  if (!app.session.signedIn) toast(t('auth.bye'));
}

/** The sign-in dialog: errors (wrong password, throttling with a countdown, network) stay inside it. */
export function openSignIn() {
  const user = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const pass = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const msg = h('p.error.signin-error', { role: 'alert', 'data-testid': 'sign-in-error', hidden: true });
  const submit = h('button.btn.primary', { type: 'submit' }, t('auth.submit'));
  let countdown = null;
  const say = (text) => { msg.hidden = !text; msg.textContent = text || ''; };
  const throttled = (seconds) => {
    clearInterval(countdown);
    let left = seconds;
    submit.disabled = true;
    msg.dataset.retryAfter = String(seconds);
    const tick = () => {
      if (left <= 0) {
        clearInterval(countdown);
        submit.disabled = false;
        say(t('auth.retryNow'));
        return;
      }
      say(t('auth.throttled', { s: left }));
      left--;
    };
    tick();
    countdown = setInterval(tick, 1000);
  };
  const form = h('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      say('');
      delete msg.dataset.retryAfter;
      submit.disabled = true;
      let res, body;
      try {
        ({ res, body } = await post('/auth/login', { username: user.value.trim(), password: pass.value }));
      } catch (err) {
        submit.disabled = false;
        say(err.display || err.message);
        return;
      }
      if (res.ok && body?.signedIn) {
        // The first request of a new session gets its final session id and CSRF token: make it this one,
        // before tiles and panels reload.
        await loadSession();
        if (!app.session.signedIn) {
          submit.disabled = false;
          say(t('auth.lost'));
          return;
        }
        clearInterval(countdown);
        dlg.close();
        toast(t('auth.welcome', { name: app.session.displayName || app.session.username }));
        return;
      }
      submit.disabled = false;
      pass.select();
      if (res.status === 401) say(t('auth.wrong'));
      else if (res.status === 429) {
        const m = /(\d+)\s*s\b/.exec(body?.detail || '');
        throttled(Number(res.headers.get('Retry-After')) || (m ? Number(m[1]) : 60));
      } else say(t('auth.failed', { msg: body?.detail || `HTTP ${res.status}` }));
    },
  },
  h('label.field', h('span', t('auth.username')), user),
  h('label.field', h('span', t('auth.password')), pass),
  msg,
  h('div.actions', submit, h('button.btn', { type: 'button', onclick: () => dlg.close() }, t('close'))),
  h('p.note', t('auth.note')));
  const dlg = h('dialog.signin', { 'aria-label': t('auth.title') }, h('h2', t('auth.title')), form);
  dlg.addEventListener('close', () => { clearInterval(countdown); dlg.remove(); });
  document.body.append(dlg);
  dlg.showModal();
  user.focus();
}
