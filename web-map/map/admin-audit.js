// Admin → audit log: newest first, filtered by actor, action, outcome and dates, 50 at a time ("more"), each
// record's values before and after the change expandable.
import { h } from './ui.js';
import { t, te, num } from './i18n.js';
import { gql } from './api.js';
import { errorBox, when, field, countyName } from './admin-kit.js';

const ACTIONS = ['login', 'logout', 'setup', 'createAccount', 'updateAccount', 'resetPassword', 'changeMyPassword', 'createApiToken',
  'revokeApiToken', 'setListingStatus', 'setHomesteadRevitalizationStatus', 'setPlanTarget'];
const PAGE = 50;
const QUERY = `query($f: AuditFilter, $n: Int, $a: String) { auditLog(filter: $f, first: $n, after: $a) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id at actor actorKind sourceIp userAgent action targetType targetId countyCode outcome before after detail } } } }`;
const COLUMNS = ['', 'audit.at', 'audit.actor', 'audit.kind', 'audit.ip', 'audit.action', 'audit.target', 'audit.county', 'audit.outcome'];

/** Local midnight of a yyyy-mm-dd day (plus days) as an ISO instant. */
function dayStart(value, plus = 0) {
  const d = new Date(`${value}T00:00:00`);
  d.setDate(d.getDate() + plus);
  return d.toISOString();
}
function pretty(json) {
  try { return JSON.stringify(JSON.parse(json), null, 2); } catch { return json; }
}

function rows(e, app) {
  const extra = e.before != null || e.after != null || e.detail || e.userAgent;
  const detail = extra ? h('tr.audit-detail', { hidden: true }, h('td', { colspan: COLUMNS.length },
    h('div.audit-json',
      e.before != null ? h('div', h('b', t('audit.before')), h('pre', pretty(e.before))) : null,
      e.after != null ? h('div', h('b', t('audit.after')), h('pre', pretty(e.after))) : null),
    e.detail ? h('p', h('b', `${t('audit.detail')}: `), e.detail) : null,
    e.userAgent ? h('p.note', `${t('audit.ua')}: ${e.userAgent}`) : null)) : null;
  const toggle = extra ? h('button.expand', {
    'aria-expanded': 'false', title: t('audit.expand'),
    onclick: (ev) => {
      detail.hidden = !detail.hidden;
      ev.currentTarget.textContent = detail.hidden ? '▸' : '▾';
      ev.currentTarget.setAttribute('aria-expanded', String(!detail.hidden));
    },
  }, '▸') : null;
  const row = h('tr', { 'data-id': e.id, 'data-action': e.action, 'data-actor': e.actor, 'data-outcome': e.outcome, 'data-at': e.at },
    h('td', toggle), h('td.nowrap', when(e.at)), h('td', e.actor), h('td', e.actorKind), h('td', e.sourceIp || ''),
    h('td', h('code', e.action)), h('td', [e.targetType, e.targetId].filter(Boolean).join(' ')),
    h('td', e.countyCode ? countyName(app, e.countyCode) : ''),
    h('td', h(`span.outcome.outcome-${e.outcome}`, te('outcome', e.outcome))));
  return detail ? [row, detail] : [row];
}

export function auditTab(app) {
  const actor = h('input', { type: 'text', 'data-filter': 'actor', autocomplete: 'off' });
  const action = h('input', { type: 'text', 'data-filter': 'action', list: 'audit-actions', autocomplete: 'off' });
  const outcome = h('select', { 'data-filter': 'outcome' }, ['', 'ok', 'denied', 'failed'].map((v) => h('option', { value: v }, v ? te('outcome', v) : t('any'))));
  const from = h('input', { type: 'date', 'data-filter': 'from' });
  const to = h('input', { type: 'date', 'data-filter': 'to' });
  const err = errorBox();
  const tbody = h('tbody');
  const status = h('p.note', { 'data-testid': 'audit-count' });
  const more = h('button.btn', { 'data-testid': 'audit-more', hidden: true, onclick: () => load(false) }, t('audit.more'));
  let after = null;
  let shown = 0;
  let token = 0;
  const filter = () => {
    const f = {};
    if (actor.value.trim()) f.actor = actor.value.trim();
    if (action.value.trim()) f.action = action.value.trim();
    if (outcome.value) f.outcome = outcome.value;
    if (from.value) f.from = dayStart(from.value);
    if (to.value) f.to = dayStart(to.value, 1);
    return f;
  };
  async function load(reset) {
    const mine = ++token;
    if (reset) {
      after = null;
      shown = 0;
      tbody.replaceChildren();
      more.hidden = true;
      status.textContent = t('loading');
      delete status.dataset.shown;
    }
    more.disabled = true;
    err.show(null);
    try {
      const d = (await gql(QUERY, { f: filter(), n: PAGE, a: after })).auditLog;
      if (mine !== token) return;
      for (const e of d.edges) tbody.append(...rows(e.node, app));
      shown += d.edges.length;
      after = d.pageInfo.endCursor;
      more.hidden = !d.pageInfo.hasNextPage;
      status.textContent = t('audit.count', { n: num(d.totalCount, 0), shown: num(shown, 0) });
      status.dataset.total = d.totalCount;
      status.dataset.shown = shown;
    } catch (e) {
      if (mine === token) err.show(e);
    } finally {
      if (mine === token) more.disabled = false;
    }
  }
  const form = h('form.admin-form.filters', { onsubmit: (e) => { e.preventDefault(); load(true); } },
    field('audit.actor', actor), field('audit.action', action), field('audit.outcome', outcome), field('audit.from', from), field('audit.to', to),
    h('div.actions',
      h('button.btn.primary', { type: 'submit', 'data-testid': 'audit-search' }, t('audit.search')),
      h('button.btn', { type: 'button', onclick: () => { form.reset(); load(true); } }, t('audit.reset'))));
  load(true);
  return h('div.admin-audit',
    form, h('datalist#audit-actions', ACTIONS.map((a) => h('option', { value: a }))),
    err, status,
    h('div.table-wrap', h('table.grid.audit', { 'data-testid': 'audit-table' }, h('thead', h('tr', COLUMNS.map((k) => h('th', k ? t(k) : '')))), tbody)),
    more);
}
