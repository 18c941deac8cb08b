// The administrators' panel (header button 管理 Admin, administrators only): audit log, accounts, API tokens.
// Everything goes through GraphQL; the server checks the role again on every request.
import { h } from './ui.js';
import { t } from './i18n.js';
import { auditTab } from './admin-audit.js';
import { accountsTab } from './admin-accounts.js';
import { tokensTab } from './admin-tokens.js';

const TABS = [
  { id: 'audit', title: 'admin.audit', render: auditTab },
  { id: 'accounts', title: 'admin.accounts', render: accountsTab },
  { id: 'tokens', title: 'admin.tokens', render: tokensTab },
];
let overlay = null;
let current = 'audit';

export function openAdmin(app, tab = current) {
  current = tab;
  closeAdmin();
  const body = h('div.admin-body');
  overlay = h('section.admin', {
    role: 'dialog', 'aria-label': t('admin.title'), 'data-testid': 'admin-panel',
    onkeydown: (e) => { if (e.key === 'Escape') closeAdmin(); },
  },
  h('div.admin-head',
    h('h2', t('admin.title')),
    h('nav.admin-tabs', { role: 'tablist' }, TABS.map((x) => h(`button.tab${x.id === tab ? '.on' : ''}`, {
      role: 'tab', 'data-admin-tab': x.id, 'aria-selected': String(x.id === tab), onclick: () => openAdmin(app, x.id),
    }, t(x.title)))),
    h('button.btn.icon.close', { onclick: closeAdmin, 'aria-label': t('close'), title: t('close') }, '×')),
  body);
  body.append(TABS.find((x) => x.id === tab).render(app));
  document.querySelector('main').append(overlay);
}
export function closeAdmin() {
  overlay?.remove();
  overlay = null;
}
export function adminOpen() { return !!overlay; }
