// Admin → API tokens: the list (secrets are never shown again), a form that creates a token for an account and
// shows its secret once with a copy button, and revocation after a confirmation.
import { h, toast } from './ui.js';
import { t } from './i18n.js';
import { gql } from './api.js';
import { errorBox, when, field } from './admin-kit.js';

const QUERY = `{ apiTokens { id accountUsername name prefix createdAt createdBy expiresAt lastUsedAt revokedAt revokedBy active }
  accounts { id username displayName enabled } }`;
const COLUMNS = ['tok.account', 'tok.name', 'tok.prefix', 'tok.created', 'tok.expires', 'tok.lastUsed', 'tok.state', ''];

const state = (k) => (k.revokedAt ? 'revoked' : k.active ? 'active' : 'expired');

async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    input.select();
    document.execCommand('copy');
  }
  toast(t('tok.copied'));
}

function secretBox({ token, secret }) {
  const input = h('input.secret', { type: 'text', readonly: true, value: secret, 'data-testid': 'token-secret', onfocus: (e) => e.target.select() });
  const box = h('div.secret-box', { 'data-testid': 'secret-box', role: 'alert' },
    h('h4', `${t('tok.secret')} · ${token.name} (${token.accountUsername}, ${token.prefix}…)`),
    h('p.warn', t('tok.secretWarn')),
    h('div.secret-row', input, h('button.btn', { type: 'button', 'data-testid': 'secret-copy', onclick: () => copy(input) }, t('tok.copy'))),
    h('p.note', t('tok.usage')),
    h('button.btn.primary', { type: 'button', 'data-testid': 'secret-done', onclick: () => { input.value = ''; box.remove(); } }, t('tok.done')));
  return box;
}

function tokenRow(k, reload) {
  const st = state(k);
  const actions = h('td.nowrap');
  const err = errorBox();
  const revokeBtn = () => h('button.btn.small', { 'data-action': 'revoke', onclick: confirm }, t('tok.revoke'));
  function confirm() {
    actions.replaceChildren(h('span.confirm', t('tok.confirmRevoke', { name: k.name })),
      h('button.btn.small.danger', { 'data-action': 'confirm-revoke', onclick: revoke }, t('tok.confirm')),
      h('button.btn.small', { onclick: () => actions.replaceChildren(revokeBtn()) }, t('acc.cancel')), err);
  }
  async function revoke() {
    err.show(null);
    try {
      await gql('mutation($id: ID!) { revokeApiToken(id: $id) { id active revokedAt } }', { id: k.id });
      toast(t('tok.revokedDone', { name: k.name }));
      await reload();
    } catch (x) {
      err.show(x);
    }
  }
  if (st === 'active') actions.append(revokeBtn());
  return h(`tr.token-${st}`, { 'data-id': k.id, 'data-name': k.name, 'data-state': st },
    h('td', k.accountUsername), h('td', k.name), h('td', h('code', `${k.prefix}…`)),
    h('td.nowrap', when(k.createdAt), h('div.note', k.createdBy)), h('td.nowrap', k.expiresAt ? when(k.expiresAt) : t('tok.never')),
    h('td.nowrap', k.lastUsedAt ? when(k.lastUsedAt) : t('none')),
    h('td', h(`span.tokstate.${st}`, { title: k.revokedBy ? `${when(k.revokedAt)} · ${k.revokedBy}` : '' }, t(`tok.${st}`))),
    actions);
}

export function tokensTab() {
  const err = errorBox();
  const tbody = h('tbody');
  const slot = h('div.secret-slot');
  const account = h('select', { required: true, 'data-new-token': 'account' });
  const name = h('input', { type: 'text', required: true, maxlength: 100, autocomplete: 'off', 'data-new-token': 'name' });
  const days = h('input', { type: 'number', min: 1, step: 1, 'data-new-token': 'days' });
  const formErr = errorBox();
  async function reload() {
    err.show(null);
    try {
      const d = await gql(QUERY);
      const chosen = account.value;
      account.replaceChildren(...d.accounts.map((a) => h('option', { value: a.id, selected: a.id === chosen, 'data-username': a.username },
        `${a.username} (${a.displayName})${a.enabled ? '' : ` · ${t('acc.disabled')}`}`)));
      const list = [...d.apiTokens].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)) || b.id - a.id);
      tbody.replaceChildren(...list.map((k) => tokenRow(k, reload)));
      if (!list.length) tbody.append(h('tr.empty', h('td', { colspan: COLUMNS.length }, t('tok.none'))));
    } catch (x) {
      err.show(x);
    }
  }
  const form = h('form.admin-form.create', {
    'data-testid': 'token-create',
    onsubmit: async (e) => {
      e.preventDefault();
      formErr.show(null);
      try {
        const d = await gql(`mutation($a: ID!, $n: String!, $d: Int) { createApiToken(accountId: $a, name: $n, expiresInDays: $d) {
          token { id name prefix accountUsername } secret } }`, { a: account.value, n: name.value.trim(), d: days.value ? Number(days.value) : null });
        slot.replaceChildren(secretBox(d.createApiToken));
        name.value = '';
        days.value = '';
        await reload();
      } catch (x) {
        formErr.show(x);
      }
    },
  },
  h('h3', t('tok.create')),
  h('div.form-grid', field('tok.account', account), field('tok.name', name), field('tok.days', days, 'tok.daysHint')),
  formErr,
  h('div.actions', h('button.btn.primary', { type: 'submit' }, t('tok.createBtn'))));
  reload();
  return h('div.admin-tokens', form, slot, h('h3', t('admin.tokens')), err,
    h('div.table-wrap', h('table.grid.tokens', { 'data-testid': 'tokens-table' }, h('thead', h('tr', COLUMNS.map((k) => h('th', k ? t(k) : '')))), tbody)));
}
