// The administration panel (header button 管理 Admin for administrators; 数据导入 Data import for staff, who see
// only that tab): audit log, accounts, API tokens, data import. Everything goes through the API; the server checks
// the role (and the county) again on every request.
import { h } from './ui.js';
import { t } from './i18n.js';
import { auditTab } from './admin-audit.js';
import { accountsTab } from './admin-accounts.js';
import { tokensTab } from './admin-tokens.js';
import { importTab } from './admin-import.js';

const TABS = [
  { id: 'audit', title: 'admin.audit', render: auditTab, adminOnly: true },
  { id: 'accounts', title: 'admin.accounts', render: accountsTab, adminOnly: true },
  { id: 'tokens', title: 'admin.tokens', render: tokensTab, adminOnly: true },
  { id: 'import', title: 'admin.import', render: importTab },
];
let overlay = null;
let current = 'audit';

const tabsOf = (app) => TABS.filter((x) => app.session?.role === 'ADMIN' || (!x.adminOnly && app.session?.signedIn));

export function openAdmin(app, tab = current) {
  const tabs = tabsOf(app);
  if (!tabs.length) return;
  if (!tabs.some((x) => x.id === tab)) tab = tabs[0].id;
  current = tab;
  closeAdmin();
  const body = h('div.admin-body');
  const title = app.session?.role === 'ADMIN' ? t('admin.title') : t('admin.import');
  overlay = h('section.admin', {
    role: 'dialog', 'aria-label': title, 'data-testid': 'admin-panel',
    onkeydown: (e) => { if (e.key === 'Escape') closeAdmin(); },
  },
  h('div.admin-head',
    h('h2', title),
    h('nav.admin-tabs', { role: 'tablist' }, tabs.map((x) => h(`button.tab${x.id === tab ? '.on' : ''}`, {
      role: 'tab', 'data-admin-tab': x.id, 'aria-selected': String(x.id === tab), onclick: () => openAdmin(app, x.id),
    }, t(x.title)))),
    h('button.btn.icon.close', { onclick: closeAdmin, 'aria-label': t('close'), title: t('close') }, '×')),
  body);
  body.append(tabs.find((x) => x.id === tab).render(app));
  document.querySelector('main').append(overlay);
}
export function closeAdmin() {
  overlay?.remove();
  overlay = null;
}
export function adminOpen() { return !!overlay; }
