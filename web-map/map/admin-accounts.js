// Admin → accounts: the list, a form for new accounts, editing (role, counties, personal data, enabled; sent
// with expectedVersion so a stale copy is refused) and password resets. Server messages are shown as they are.
import { h, toast } from './ui.js';
import { t } from './i18n.js';
import { gql } from './api.js';
import { yesno } from './kit.js';
import { errorBox, when, field, countyChecks, countyList, roleSelect } from './admin-kit.js';

const FIELDS = 'id username displayName role counties personalData enabled hasPassword createdAt lastLoginAt version';
const COLUMNS = ['acc.username', 'acc.displayName', 'acc.role', 'acc.counties', 'acc.personalData', 'acc.enabled', 'acc.lastLogin', ''];

function createForm(app, reload) {
  const username = h('input', { type: 'text', required: true, autocomplete: 'off', 'data-field': 'username' });
  const displayName = h('input', { type: 'text', 'data-field': 'displayName' });
  const role = roleSelect('STAFF');
  const counties = countyChecks(app);
  const personalData = h('input', { type: 'checkbox', 'data-field': 'personalData' });
  const password = h('input', { type: 'password', autocomplete: 'new-password', 'data-field': 'password' });
  const err = errorBox();
  role.addEventListener('change', () => counties.enable(role.value === 'STAFF'));
  const form = h('form.admin-form.create', {
    'data-testid': 'account-create',
    onsubmit: async (e) => {
      e.preventDefault();
      err.show(null);
      const input = {
        username: username.value.trim(), displayName: displayName.value.trim() || null, role: role.value,
        counties: role.value === 'STAFF' ? counties.values() : [], personalData: personalData.checked, password: password.value || null,
      };
      try {
        const a = (await gql(`mutation($i: NewAccountInput!) { createAccount(input: $i) { ${FIELDS} } }`, { i: input })).createAccount;
        toast(t('acc.created', { u: a.username }));
        form.reset();
        counties.enable(true);
        await reload(a.username);
      } catch (x) {
        err.show(x);
      }
    },
  },
  h('h3', t('acc.create')),
  h('div.form-grid', field('acc.username', username, 'acc.usernameHint'), field('acc.displayName', displayName), field('acc.role', role),
    field('acc.password', password, 'acc.passwordHint')),
  h('div.field', h('span', t('acc.counties')), counties),
  h('label.chk', personalData, h('span', t('acc.personalData')), h('small.muted', t('acc.personalDataHint'))),
  err,
  h('div.actions', h('button.btn.primary', { type: 'submit' }, t('acc.createBtn'))));
  return form;
}

function editForm(a, app, reload, close) {
  const displayName = h('input', { type: 'text', value: a.displayName, 'data-field': 'displayName' });
  const role = roleSelect(a.role);
  const counties = countyChecks(app, a.counties);
  const personalData = h('input', { type: 'checkbox', checked: a.personalData, 'data-field': 'personalData' });
  const enabled = h('input', { type: 'checkbox', checked: a.enabled, 'data-field': 'enabled' });
  const err = errorBox();
  counties.enable(a.role === 'STAFF');
  role.addEventListener('change', () => counties.enable(role.value === 'STAFF'));
  return h('form.admin-form.edit', {
    onsubmit: async (e) => {
      e.preventDefault();
      err.show(null);
      const input = {
        displayName: displayName.value.trim() || null, role: role.value, personalData: personalData.checked, enabled: enabled.checked,
        expectedVersion: a.version, ...(role.value === 'STAFF' && { counties: counties.values() }),
      };
      try {
        const b = (await gql(`mutation($id: ID!, $i: AccountChangesInput!) { updateAccount(id: $id, input: $i) { ${FIELDS} } }`, { id: a.id, i: input })).updateAccount;
        toast(t('acc.saved', { u: b.username }));
        await reload(b.username);
      } catch (x) {
        err.show(x);
      }
    },
  },
  h('div.form-grid', field('acc.displayName', displayName), field('acc.role', role)),
  h('div.field', h('span', t('acc.counties')), counties),
  h('label.chk', personalData, h('span', t('acc.personalData'))),
  h('label.chk', enabled, h('span', t('acc.enabled'))),
  err,
  h('div.actions', h('button.btn.primary', { type: 'submit', 'data-testid': 'account-save' }, t('acc.save')),
    h('button.btn', { type: 'button', onclick: close }, t('acc.cancel'))));
}

function resetForm(a, reload, close) {
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true, 'data-field': 'newPassword' });
  const err = errorBox();
  return h('form.admin-form.reset', {
    onsubmit: async (e) => {
      e.preventDefault();
      err.show(null);
      try {
        await gql('mutation($id: ID!, $p: String!) { resetPassword(id: $id, newPassword: $p) { id version } }', { id: a.id, p: password.value });
        toast(t('acc.resetDone', { u: a.username }));
        await reload(a.username);
      } catch (x) {
        err.show(x);
      }
    },
  },
  field('acc.newPassword', password, 'acc.passwordHint'), err,
  h('div.actions', h('button.btn.primary', { type: 'submit' }, t('acc.reset')), h('button.btn', { type: 'button', onclick: close }, t('acc.cancel'))));
}

function accountRows(a, app, reload, fresh) {
  const editor = h('tr.editor', { hidden: true }, h('td', { colspan: COLUMNS.length }));
  const close = () => { editor.hidden = true; editor.firstChild.replaceChildren(); };
  const open = (form) => { editor.firstChild.replaceChildren(form); editor.hidden = false; };
  const row = h(`tr${fresh ? '.fresh' : ''}${a.enabled ? '' : '.disabled'}`, { 'data-username': a.username, 'data-id': a.id, 'data-version': a.version },
    h('td', h('b', a.username)), h('td', a.displayName), h('td', t(`role.${a.role.toLowerCase()}`)),
    h('td.counties', countyList(app, a.counties, a.role)), h('td', yesno(a.personalData)), h('td', yesno(a.enabled)),
    h('td.nowrap', a.lastLoginAt ? when(a.lastLoginAt) : t('acc.never')),
    h('td.nowrap',
      h('button.btn.small', { 'data-action': 'edit', onclick: () => open(editForm(a, app, reload, close)) }, t('acc.edit')),
      h('button.btn.small', { 'data-action': 'reset', onclick: () => open(resetForm(a, reload, close)) }, t('acc.reset'))));
  return [row, editor];
}

export function accountsTab(app) {
  const err = errorBox();
  const tbody = h('tbody');
  async function reload(fresh) {
    err.show(null);
    try {
      const d = await gql(`{ accounts { ${FIELDS} } }`);
      tbody.replaceChildren(...d.accounts.flatMap((a) => accountRows(a, app, reload, a.username === fresh)));
      if (!d.accounts.length) tbody.append(h('tr.empty', h('td', { colspan: COLUMNS.length }, t('none'))));
    } catch (x) {
      err.show(x);
    }
  }
  reload();
  return h('div.admin-accounts',
    createForm(app, reload),
    h('h3', t('admin.accounts')), err,
    h('div.table-wrap', h('table.grid.accounts', { 'data-testid': 'accounts-table' }, h('thead', h('tr', COLUMNS.map((k) => h('th', k ? t(k) : '')))), tbody)));
}
