// 监管 Use supervision (staff of the county): badges with the count of each kind of finding, the findings of the
// chosen kind, a click zooms to the parcels concerned; and the two staff-only tile layers (contracts by status,
// findings by kind) registered as a theme, with toggles here as well. State lives in `state` so that re-rendering
// the panel (language switch, tab change, sign-in) keeps what was loaded for the county.
import L from 'leaflet';
import { h, showError } from './ui.js';
import { t, num, getLang, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerPanel, loadErrorNote } from './panels.js';
import { registerTheme } from './themes.js';

addMessages({
  supervision: '监管', 'theme.supervision': '用途监管', 'sv.intro': '本县在履行合同的用途监管：非粮化、非农化、即将到期、经营权抵押与超期未结纠纷。点击条目定位到相关地块。',
  'sv.kind.NON_GRAIN': '非粮化', 'sv.kind.NON_AGRICULTURAL': '非农化', 'sv.kind.EXPIRING': '即将到期', 'sv.kind.MORTGAGED': '抵押中', 'sv.kind.DISPUTE_OVERDUE': '纠纷超期',
  'sv.none': '该类暂无发现', 'sv.shown': '显示前 {n} 条（共 {total} 条）', 'sv.days': '{n} 天', 'sv.daysLeft': '剩 {n} 天', 'sv.supervised': '已纳入监管',
  'sv.unsupervised': '未纳入监管', 'sv.parcels': '{n} 个地块', 'sv.layers': '图层', 'sv.staffOnly': '用途监管仅限本县工作人员查看。',
  'layer.circulation_contracts': '流转合同', 'layer.circulation_supervision': '用途监管发现',
  'sv.status.draft': '草拟', 'sv.status.signed': '已签订', 'sv.status.filed': '已备案', 'sv.status.active': '履行中', 'sv.status.expiring': '即将到期',
  'sv.status.expired': '已到期', 'sv.status.terminated': '已解除', 'sv.status.disputed': '纠纷中',
}, {
  supervision: 'Supervision', 'theme.supervision': 'Use supervision', 'sv.intro': 'Use supervision of the county\'s contracts: non-grain, non-agricultural, expiring, mortgaged and overdue disputes. Click a finding to zoom to its parcels.',
  'sv.kind.NON_GRAIN': 'Non-grain', 'sv.kind.NON_AGRICULTURAL': 'Non-agricultural', 'sv.kind.EXPIRING': 'Expiring', 'sv.kind.MORTGAGED': 'Mortgaged', 'sv.kind.DISPUTE_OVERDUE': 'Overdue disputes',
  'sv.none': 'No findings of this kind', 'sv.shown': 'First {n} of {total}', 'sv.days': '{n} days', 'sv.daysLeft': '{n} days left', 'sv.supervised': 'under supervision',
  'sv.unsupervised': 'not under supervision', 'sv.parcels': '{n} parcels', 'sv.layers': 'Layers', 'sv.staffOnly': 'Use supervision is for staff of the county.',
  'layer.circulation_contracts': 'Circulation contracts', 'layer.circulation_supervision': 'Supervision findings',
  'sv.status.draft': 'Draft', 'sv.status.signed': 'Signed', 'sv.status.filed': 'Filed', 'sv.status.active': 'Active', 'sv.status.expiring': 'Expiring',
  'sv.status.expired': 'Expired', 'sv.status.terminated': 'Terminated', 'sv.status.disputed': 'Disputed',
});

const KINDS = ['NON_GRAIN', 'NON_AGRICULTURAL', 'EXPIRING', 'MORTGAGED', 'DISPUTE_OVERDUE'];
const KIND_COLOURS = { non_grain: '#f9a825', non_agricultural: '#c62828', expiring: '#6a1b9a', mortgaged: '#1565c0', dispute_overdue: '#ef6c00' };
const STATUS_COLOURS = {
  draft: '#9e9e9e', signed: '#26a69a', filed: '#00897b', active: '#2e7d32', expiring: '#f9a825', expired: '#8d6e63', terminated: '#757575', disputed: '#d84315',
};
const PAGE = 100;
const FIELDS = 'id kind contract { id contractNo status } villageCode parcelIds areaMu bbox reasonZh reasonEn date ageDays supervised geometry(precision: 6)';

registerTheme({
  id: 'supervision',
  title: 'theme.supervision',
  layers: [{
    // Staff only: the public gets empty tiles; staff the contracts of their counties.
    id: 'circulation_contracts', tiles: 'circulation_contracts', zIndex: 41, minZoom: 8, perViewer: true,
    style: (p) => { const c = STATUS_COLOURS[p.status] || '#2e7d32'; return { fill: `${c}33`, stroke: c, width: 1.5 }; },
    legend: () => Object.keys(STATUS_COLOURS).map((s) => ({ label: t(`sv.status.${s}`), fill: `${STATUS_COLOURS[s]}33`, stroke: STATUS_COLOURS[s] })),
    pick: (f) => ({ kind: 'contract', id: f.props.id ?? f.id }),
    hover: (p) => `${p.contract_no || t('layer.circulation_contracts')} · ${t(`sv.status.${p.status}`)} · ${num(p.area_mu)} ${t('mu')}`,
  }, {
    id: 'circulation_supervision', tiles: 'circulation_supervision', zIndex: 43, minZoom: 8, perViewer: true,
    style: (p) => { const c = KIND_COLOURS[p.kind] || '#c62828'; return { fill: `${c}40`, stroke: c, width: 2.5, dash: p.kind === 'expiring' }; },
    legend: () => KINDS.map((k) => ({ label: t(`sv.kind.${k}`), fill: `${KIND_COLOURS[k.toLowerCase()]}40`, stroke: KIND_COLOURS[k.toLowerCase()] })),
    pick: (f) => (f.props.contract_id ? { kind: 'contract', id: f.props.contract_id } : null),
    hover: (p) => `${t(`sv.kind.${String(p.kind).toUpperCase()}`)}${p.contract_no ? ` · ${p.contract_no}` : ''}`,
  }],
});

const state = { county: null, counts: null, kind: null, nodes: [], total: 0, loading: false, error: null, layer: null, selected: null };

function reset() {
  Object.assign(state, { county: null, counts: null, kind: null, nodes: [], total: 0, loading: false, error: null, selected: null });
  if (state.layer) { state.layer.remove(); state.layer = null; }
}

async function load(app, kind) {
  state.loading = true;
  state.error = null;
  try {
    const d = await gql(`query($c: String!, $k: [SupervisionKind!], $f: Int) { circulationSupervision(countyCode: $c, kinds: $k, first: $f) {
        totalCount counts { kind count } edges { node { ${FIELDS} } } } }`, { c: app.county, k: kind ? [kind] : null, f: kind ? PAGE : 0 });
    const r = d.circulationSupervision;
    state.county = app.county;
    state.counts = Object.fromEntries(r.counts.map((c) => [c.kind, c.count]));
    if (kind) {
      state.kind = kind;
      state.nodes = r.edges.map((e) => e.node);
      state.total = r.totalCount;
    } else {
      state.kind = KINDS.find((k) => state.counts[k] > 0) || KINDS[0];
      state.loading = false;
      return load(app, state.kind);
    }
  } catch (err) {
    state.error = err;
  }
  state.loading = false;
  draw(app);
  app.refreshPanel();
  return undefined;
}

function draw(app) {
  if (state.layer) state.layer.remove();
  state.layer = L.layerGroup().addTo(app.map);
  const colour = KIND_COLOURS[String(state.kind).toLowerCase()] || '#c62828';
  for (const n of state.nodes) {
    if (!n.geometry) continue;
    const on = state.selected === n.id;
    L.geoJSON(n.geometry, { pane: 'sel', interactive: false, style: { color: colour, weight: on ? 4 : 1.5, fillColor: colour, fillOpacity: on ? 0.35 : 0.12 } })
      .addTo(state.layer);
  }
}

function zoomTo(app, n) {
  state.selected = n.id;
  draw(app);
  app.map.fitBounds([[n.bbox[1], n.bbox[0]], [n.bbox[3], n.bbox[2]]], { maxZoom: 17, padding: [40, 40] });
  app.refreshPanel();
}

function item(app, n) {
  const age = n.kind === 'EXPIRING' ? t('sv.daysLeft', { n: -n.ageDays }) : t('sv.days', { n: n.ageDays });
  const sup = n.supervised == null ? null : h(`span.flag.${n.supervised ? 'yes' : 'no'}`, t(n.supervised ? 'sv.supervised' : 'sv.unsupervised'));
  return h(`div.ls-card.sv-item${state.selected === n.id ? '.on' : ''}`, { 'data-finding': n.id, 'data-kind': n.kind, onclick: () => zoomTo(app, n), style: { cursor: 'pointer' } },
    h('div.ls-head', h('b', n.contract ? n.contract.contractNo : n.id), h('span.ls-score', `${n.date} · ${age}`), sup),
    h('div', getLang() === 'zh' ? n.reasonZh : n.reasonEn),
    h('small.muted', `${t('sv.parcels', { n: n.parcelIds.length })} · ${num(n.areaMu, 1)} ${t('mu')}`));
}

function panel(app) {
  if (state.county && state.county !== app.county) reset();
  if (!app.isStaffIn?.(app.county)) {
    if (state.layer) state.layer.remove();
    return h('div.supervision', h('p.note', t('sv.intro')),
      loadErrorNote({ code: 'FORBIDDEN', message: t('sv.staffOnly') }, app));
  }
  if (!state.counts && !state.loading && !state.error && app.county) load(app, null).catch(showError);
  if (state.error) return h('div.supervision', loadErrorNote(state.error, app));
  const toggle = (id) => {
    const e = app.layers.get(id);
    return h('label.chk', h('input', { type: 'checkbox', checked: !!e?.on, 'data-sv-layer': id, onchange: (ev) => { app.setLayerOn(id, ev.target.checked); app.refreshPanel(); } }),
      h('span', t(`layer.${id}`)));
  };
  const badges = h('div.sv-badges', { 'data-testid': 'sv-badges' }, KINDS.map((k) => h(`button.btn.small${state.kind === k ? '.primary' : ''}`, {
    'data-sv-kind': k, 'data-count': state.counts ? state.counts[k] : '',
    onclick: () => { state.selected = null; load(app, k).catch(showError); },
  }, `${t(`sv.kind.${k}`)} `, h('b.sv-count', state.counts ? String(state.counts[k]) : '…'))));
  const list = state.loading && !state.nodes.length ? h('p.muted', t('loading'))
    : !state.nodes.length ? h('p.muted', t('sv.none'))
      : h('div.sv-list', { 'data-testid': 'sv-list' }, state.nodes.map((n) => item(app, n)));
  return h('div.supervision', { 'data-testid': 'supervision', 'data-county': state.county || '' },
    h('p.note', t('sv.intro')), badges,
    h('h3', t('sv.layers')), h('div.checks', toggle('circulation_supervision'), toggle('circulation_contracts')),
    h('h3', state.kind ? t(`sv.kind.${state.kind}`) : ''),
    state.total > state.nodes.length ? h('p.note', t('sv.shown', { n: state.nodes.length, total: state.total })) : null,
    list);
}

registerPanel({ id: 'supervision', icon: '⚑', title: 'supervision', render: panel });
