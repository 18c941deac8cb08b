// 找地 The investor's land search panel: criteria → landSearch → contiguous clusters drawn on the map, a ranked
// list, and two or three candidates compared side by side. State lives in `state` so that re-rendering the panel
// (language switch, tab change) keeps the results and the comparison.
import L from 'leaflet';
import { h, showError } from './ui.js';
import { t, te, num, addMessages } from './i18n.js';
import { gql } from './api.js';
import { registerPanel } from './panels.js';
import { link } from './kit.js';
import { SERVER_FORMATS, saveServerExport } from './export.js';

addMessages({
  landsearch: '找地', 'ls.intro': '在挂牌及村集体预流转的可流转土地中，查找满足条件的连片地块（田埂、机耕路等小于容差的间隙视为连片，仅角点相接不算连片）。',
  'ls.groups': '地类', 'ls.minArea': '最小连片面积 (亩)', 'ls.maxPrice': '最高租金 (元/亩/年)', 'ls.negotiable': '含面议', 'ls.minTerm': '最短年限 (年)',
  'ls.modes': '流转方式', 'ls.belt': '产业带', 'ls.elev': '海拔 (米)', 'ls.road': '距道路不超过 (米)', 'ls.town': '距乡镇不超过 (米)',
  'ls.use': '拟用途', 'ls.supervision': '接受用途监管（非粮化）', 'ls.gap': '间隙容差 (米)', 'ls.view': '仅当前地图范围', 'ls.pooled': '仅村集体预流转',
  'ls.search': '搜索', 'ls.more': '加载更多', 'ls.result': '{n} 处连片土地，合计 {mu} 亩（{q} 个符合条件的地块）', 'ls.none': '没有满足条件的连片土地',
  'ls.rank': '第 {n} 名', 'ls.score': '适配度', 'ls.area': '面积', 'ls.usable': '可用面积', 'ls.parcels': '地块数', 'ls.price': '租金 (元/亩/年)',
  'ls.term': '年限', 'ls.villages': '涉及村', 'ls.belts': '产业带', 'ls.elevation': '海拔', 'ls.roadD': '距道路', 'ls.townD': '距乡镇', 'ls.pbf': '永久基本农田',
  'ls.reasons': '理由', 'ls.compare': '对比', 'ls.compareTitle': '候选对比', 'ls.compareHint': '勾选 2–3 处进行对比', 'ls.clear': '清除', 'ls.zoom': '定位',
  'ls.negotiableP': '面议', 'ls.any': '不限', 'ls.listings': '挂牌数', 'ls.modesL': '方式',
  'ls.export': '导出结果', 'ls.exportNote': '按当前条件导出全部连片土地（轮廓、面积、租金、适配度等），工作人员可用',
  'use.grain': '粮食种植', 'use.cash_crops': '经济作物（非粮）', 'use.orchard': '林果', 'use.nursery': '苗木花卉', 'use.forestry': '林业', 'use.fish_pond': '挖塘养殖',
  'use.livestock': '畜禽养殖设施', 'use.grazing': '放牧', 'use.facility_agriculture': '设施农业',
  'mode.lease': '出租(转包)', 'mode.equity': '入股', 'mode.other': '其他',
}, {
  landsearch: 'Find land', 'ls.intro': 'Contiguous clusters of available land (listed and pooled): gaps such as ridges and farm roads within the tolerance join parcels; touching at a corner only does not.',
  'ls.groups': 'Land class', 'ls.minArea': 'Minimum contiguous area (mu)', 'ls.maxPrice': 'Maximum rent (yuan/mu/year)', 'ls.negotiable': 'Include negotiable', 'ls.minTerm': 'Minimum term (years)',
  'ls.modes': 'Modes', 'ls.belt': 'Belt', 'ls.elev': 'Elevation (m)', 'ls.road': 'Road within (m)', 'ls.town': 'Town within (m)',
  'ls.use': 'Intended use', 'ls.supervision': 'Accept use supervision (non-grain)', 'ls.gap': 'Gap tolerance (m)', 'ls.view': 'Only the map view', 'ls.pooled': 'Pooled land only',
  'ls.search': 'Search', 'ls.more': 'Load more', 'ls.result': '{n} clusters, {mu} mu ({q} qualifying parcels)', 'ls.none': 'No contiguous land meets the criteria',
  'ls.rank': 'No. {n}', 'ls.score': 'Fit', 'ls.area': 'Area', 'ls.usable': 'Usable', 'ls.parcels': 'Parcels', 'ls.price': 'Rent (yuan/mu/year)',
  'ls.term': 'Term', 'ls.villages': 'Villages', 'ls.belts': 'Belts', 'ls.elevation': 'Elevation', 'ls.roadD': 'To road', 'ls.townD': 'To town', 'ls.pbf': 'Permanent basic farmland',
  'ls.reasons': 'Reasons', 'ls.compare': 'Compare', 'ls.compareTitle': 'Candidates side by side', 'ls.compareHint': 'Tick 2–3 clusters to compare', 'ls.clear': 'Clear', 'ls.zoom': 'Zoom',
  'ls.negotiableP': 'negotiable', 'ls.any': 'any', 'ls.listings': 'Listings', 'ls.modesL': 'Modes',
  'ls.export': 'Export the result', 'ls.exportNote': 'Every cluster of the current criteria (outline, area, rent, fit …), for staff',
  'use.grain': 'Grain', 'use.cash_crops': 'Cash crops (non-grain)', 'use.orchard': 'Orchard', 'use.nursery': 'Nursery stock', 'use.forestry': 'Forestry', 'use.fish_pond': 'Fish ponds',
  'use.livestock': 'Livestock facilities', 'use.grazing': 'Grazing', 'use.facility_agriculture': 'Facility agriculture',
  'mode.lease': 'Lease', 'mode.equity': 'Equity', 'mode.other': 'Other',
});

const GROUPS = ['FARMLAND', 'GARDEN', 'FOREST', 'GRASSLAND'];
const MODES = ['LEASE', 'EQUITY', 'OTHER'];
const USES = ['GRAIN', 'CASH_CROPS', 'ORCHARD', 'NURSERY', 'FORESTRY', 'FISH_POND', 'LIVESTOCK', 'GRAZING', 'FACILITY_AGRICULTURE'];
const PAGE = 20;
const FIELDS = `id rank score reasons areaMu usableAreaMu parcelCount listingCount priceMinYuanPerMuYear priceMaxYuanPerMuYear termMinYears termMaxYears
  modes villages { code name } belts { code name areaMu } listings { id listingNo title } elevationMinM elevationMaxM roadDistanceM townDistanceM permanentBasicFarmlandMu outline labelPoint bbox`;

const state = {
  county: null, form: { groups: [], modes: [], negotiable: true, supervision: false, gap: 5, view: false, pooled: false },
  nodes: [], total: null, totalMu: 0, qualifying: 0, cursor: null, more: false, compare: [], layer: null, belts: [],
};

function criteria(app) {
  const f = state.form;
  const c = {};
  const n = (v) => (v === '' || v == null ? null : Number(v));
  if (f.groups.length) c.classGroups = f.groups;
  if (n(f.minArea) != null) c.minContiguousAreaMu = n(f.minArea);
  if (n(f.maxPrice) != null) c.maxPriceYuanPerMuYear = n(f.maxPrice);
  if (!f.negotiable) c.includeNegotiable = false;
  if (n(f.minTerm) != null) c.minTermYears = Math.round(n(f.minTerm));
  if (f.modes.length) c.modes = f.modes;
  if (f.belt) c.belts = [f.belt];
  if (n(f.elevMin) != null || n(f.elevMax) != null) c.elevationM = { min: n(f.elevMin), max: n(f.elevMax) };
  if (n(f.road) != null) c.maxRoadDistanceM = n(f.road);
  if (n(f.town) != null) c.maxTownDistanceM = n(f.town);
  if (f.use) c.intendedUse = f.use;
  if (f.supervision) c.acceptSupervision = true;
  if (n(f.gap) != null) c.gapToleranceM = n(f.gap);
  if (f.pooled) c.pooledOnly = true;
  if (f.view) {
    const b = app.map.getBounds();
    c.bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  }
  return c;
}

const COLOURS = ['#d81b60', '#1e88e5', '#fb8c00'];
function draw(app) {
  if (state.layer) state.layer.remove();
  state.layer = L.layerGroup().addTo(app.map);
  for (const n of state.nodes) {
    const idx = state.compare.indexOf(n.id);
    const colour = idx >= 0 ? COLOURS[idx] : '#6a1b9a';
    L.geoJSON(n.outline, { pane: 'sel', interactive: false, style: { color: colour, weight: idx >= 0 ? 4 : 2, fillColor: colour, fillOpacity: idx >= 0 ? 0.35 : 0.18 } })
      .addTo(state.layer);
    if (n.labelPoint) {
      const [lon, lat] = n.labelPoint.coordinates;
      L.marker([lat, lon], { interactive: false, icon: L.divIcon({ className: 'ls-label', html: `<span style="background:${colour}">${n.rank}</span>`, iconSize: [24, 24] }) })
        .addTo(state.layer);
    }
  }
}

async function run(app, box, append) {
  if (!append) {
    state.nodes = []; state.cursor = null; state.compare = [];
  }
  const d = await gql(`query($c: String!, $k: LandSearchInput, $f: Int, $a: String) { landSearch(county: $c, criteria: $k, first: $f, after: $a) {
      totalCount totalAreaMu qualifyingParcelCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`,
  { c: app.county, k: criteria(app), f: PAGE, a: append ? state.cursor : null });
  const r = d.landSearch;
  state.county = app.county;
  state.nodes.push(...r.edges.map((e) => e.node));
  state.total = r.totalCount; state.totalMu = r.totalAreaMu; state.qualifying = r.qualifyingParcelCount;
  state.cursor = r.pageInfo.endCursor; state.more = r.pageInfo.hasNextPage;
  draw(app);
  if (!append && state.nodes.length) {
    const b = L.latLngBounds([]);
    for (const n of state.nodes.slice(0, 5)) b.extend([[n.bbox[1], n.bbox[0]], [n.bbox[3], n.bbox[2]]]);
    app.map.fitBounds(b, { maxZoom: 15, padding: [30, 30] });
  }
  app.refreshPanel();
}

const price = (n) => (n.priceMinYuanPerMuYear == null ? t('ls.negotiableP')
  : n.priceMinYuanPerMuYear === n.priceMaxYuanPerMuYear ? num(n.priceMinYuanPerMuYear, 0) : `${num(n.priceMinYuanPerMuYear, 0)}–${num(n.priceMaxYuanPerMuYear, 0)}`);
const metres = (m) => (m == null ? t('none') : m >= 1000 ? `${num(m / 1000, 1)} km` : `${num(m, 0)} m`);
const rows = (n) => [
  ['ls.score', num(n.score, 1)], ['ls.area', `${num(n.areaMu, 1)} ${t('mu')}`], ['ls.usable', `${num(n.usableAreaMu, 1)} ${t('mu')}`],
  ['ls.parcels', n.parcelCount], ['ls.listings', n.listingCount], ['ls.price', price(n)],
  ['ls.term', n.termMinYears === n.termMaxYears ? `${n.termMinYears}` : `${n.termMinYears}–${n.termMaxYears}`],
  ['ls.modesL', n.modes.map((m) => t(`mode.${m.toLowerCase()}`)).join('、')], ['ls.villages', n.villages.map((v) => v.name).join('、')],
  ['ls.belts', n.belts.map((b) => b.name).join('、') || t('none')],
  ['ls.elevation', n.elevationMinM == null ? t('none') : `${num(n.elevationMinM, 0)}–${num(n.elevationMaxM, 0)} m`],
  ['ls.roadD', metres(n.roadDistanceM)], ['ls.townD', metres(n.townDistanceM)], ['ls.pbf', `${num(n.permanentBasicFarmlandMu, 1)} ${t('mu')}`],
];

function zoomTo(app, n) {
  app.map.fitBounds([[n.bbox[1], n.bbox[0]], [n.bbox[3], n.bbox[2]]], { maxZoom: 17, padding: [40, 40] });
}

function card(app, n) {
  const on = state.compare.includes(n.id);
  return h(`div.ls-card${on ? '.on' : ''}`, { 'data-cluster': n.id, 'data-rank': n.rank },
    h('div.ls-head', h('b', t('ls.rank', { n: n.rank })), h('span.ls-score', `${t('ls.score')} ${num(n.score, 1)}`),
      h('label.chk', h('input', {
        type: 'checkbox', checked: on, 'data-compare': n.id, disabled: !on && state.compare.length >= 3,
        onchange: (e) => {
          if (e.target.checked) state.compare.push(n.id); else state.compare = state.compare.filter((x) => x !== n.id);
          draw(app); app.refreshPanel();
        },
      }), h('span', t('ls.compare')))),
    h('div', `${num(n.areaMu, 1)} ${t('mu')} · ${price(n)} · ${n.villages.map((v) => v.name).join('、')}`),
    h('ul.ls-reasons', n.reasons.slice(0, 3).map((r) => h('li', r))),
    // The listings of the cluster open their panel (staff: with the listing work, listing-work.js).
    h('div.ls-listings', n.listings.slice(0, 5).map((l) => h('div', link(`${l.listingNo} ${l.title}`, () => app.select({ kind: 'listing', id: l.id }, { fly: true }))))),
    h('button.btn.small', { onclick: () => zoomTo(app, n) }, t('ls.zoom')));
}

function compareTable(app) {
  const picked = state.compare.map((id) => state.nodes.find((n) => n.id === id)).filter(Boolean);
  if (picked.length < 2) return h('p.note', t('ls.compareHint'));
  const all = picked.map(rows);
  return h('div.ls-compare', { 'data-testid': 'ls-compare' }, h('h3', t('ls.compareTitle')),
    h('table', h('thead', h('tr', h('th', ''), picked.map((n, i) => h('th', { style: { color: COLOURS[i] } }, t('ls.rank', { n: n.rank }))))),
      h('tbody', all[0].map(([k], r) => h('tr', h('th', t(k)), all.map((cols) => h('td', String(cols[r][1]))))),
        h('tr', h('th', t('ls.reasons')), picked.map((n) => h('td', h('ul', n.reasons.map((x) => h('li', x))))))),
    ),
    h('button.btn.small', { onclick: () => { state.compare = []; draw(app); app.refreshPanel(); } }, t('ls.clear')));
}

function panel(app) {
  if (state.county && state.county !== app.county) {
    Object.assign(state, { nodes: [], total: null, compare: [], county: null, belts: [] });
    if (state.layer) state.layer.remove();
  }
  if (!state.belts.length && app.county) {
    gql('query($c: String) { belts(countyCode: $c) { code name } }', { c: app.county }).then((d) => {
      if (d.belts.length) { state.belts = d.belts; app.refreshPanel(); }
    }).catch(() => {});
  }
  const f = state.form;
  const toggle = (arr, v, on) => { const i = arr.indexOf(v); if (on && i < 0) arr.push(v); if (!on && i >= 0) arr.splice(i, 1); };
  const checks = (values, arr, label, key) => h('div.checks', values.map((v) => h('label.chk',
    h('input', { type: 'checkbox', checked: arr.includes(v), value: v, [`data-${key}`]: v, onchange: (e) => toggle(arr, v, e.target.checked) }), h('span', label(v)))));
  const numIn = (key, ph) => h('input.num', {
    type: 'number', step: 'any', inputmode: 'decimal', placeholder: ph ?? t('ls.any'), value: f[key] ?? '', 'data-ls': key,
    onchange: (e) => { f[key] = e.target.value; },
  });
  const flag = (key, label) => h('label.chk', h('input', { type: 'checkbox', checked: !!f[key], 'data-ls': key, onchange: (e) => { f[key] = e.target.checked; } }), h('span', t(label)));
  const select = (key, options, label) => h('select', { 'data-ls': key, onchange: (e) => { f[key] = e.target.value || null; } },
    h('option', { value: '' }, t('ls.any')), options.map((o) => h('option', { value: o, selected: f[key] === o }, label(o))));
  const status = h('p.ls-status', { 'data-testid': 'ls-status', 'data-total': state.total ?? '' },
    state.total == null ? '' : state.total === 0 ? t('ls.none') : t('ls.result', { n: num(state.total, 0), mu: num(state.totalMu, 1), q: num(state.qualifying, 0) }));
  const go = (append) => run(app, box, append).catch(showError);
  const box = h('div.landsearch',
    h('p.note', t('ls.intro')),
    h('h3', t('ls.groups')), checks(GROUPS, f.groups, (v) => te('cg', v), 'group'),
    h('label.field', h('span', t('ls.minArea')), numIn('minArea')),
    h('label.field', h('span', t('ls.maxPrice')), numIn('maxPrice')), flag('negotiable', 'ls.negotiable'),
    h('label.field', h('span', t('ls.minTerm')), numIn('minTerm')),
    h('h3', t('ls.modes')), checks(MODES, f.modes, (v) => t(`mode.${v.toLowerCase()}`), 'mode'),
    h('label.field', h('span', t('ls.belt')), select('belt', state.belts.map((b) => b.code), (c) => state.belts.find((b) => b.code === c)?.name ?? c)),
    h('label.field', h('span', t('ls.elev')), h('span.range', numIn('elevMin', t('min')), '–', numIn('elevMax', t('max')))),
    h('label.field', h('span', t('ls.road')), numIn('road')),
    h('label.field', h('span', t('ls.town')), numIn('town')),
    h('label.field', h('span', t('ls.use')), select('use', USES, (u) => t(`use.${u.toLowerCase()}`))),
    flag('supervision', 'ls.supervision'), flag('pooled', 'ls.pooled'),
    h('label.field', h('span', t('ls.gap')), numIn('gap', '5')),
    flag('view', 'ls.view'),
    h('div.actions', h('button.btn.primary', { 'data-testid': 'ls-search', onclick: () => go(false) }, t('ls.search'))),
    status,
    state.compare.length ? compareTable(app) : (state.nodes.length ? h('p.note', t('ls.compareHint')) : null),
    h('div.ls-list', state.nodes.map((n) => card(app, n))),
    state.more ? h('button.btn', { 'data-testid': 'ls-more', onclick: () => go(true) }, t('ls.more')) : null,
    exportBox(app),
  );
  return box;
}

/** Staff: the clusters of the current criteria as a GIS file (exportLandSearch), fetched and saved like the export tab's. */
function exportBox(app) {
  if (!app.session?.signedIn || !app.isStaffIn?.(app.county)) return null;
  const fmt = h('select', { 'data-testid': 'ls-export-format' }, SERVER_FORMATS.map((f) => h('option', { value: f.id }, t(`export.f.${f.id}`))));
  const status = h('p.export-status', { 'data-testid': 'ls-export-status', role: 'status' });
  const go = h('button.btn', {
    'data-testid': 'ls-export',
    onclick: async () => {
      const f = SERVER_FORMATS.find((x) => x.id === fmt.value);
      go.disabled = true;
      delete status.dataset.exported;
      status.textContent = t('export.preparing');
      try {
        const d = await gql(`mutation($c: String!, $k: LandSearchInput, $format: ExportFormat!, $enc: String) {
          x: exportLandSearch(county: $c, criteria: $k, format: $format, shapefileEncoding: $enc) { id format rows url expiresAt } }`,
        { c: app.county, k: criteria(app), format: f.format, enc: f.encoding || null });
        if (!d.x.rows) { status.textContent = t('export.emptyRows'); status.dataset.exported = '0'; return; }
        await saveServerExport(app, d.x, f, status, 'Rows');
      } catch (err) {
        status.textContent = err.display || err.message;
        showError(err);
      } finally {
        go.disabled = false;
      }
    },
  }, `⤓ ${t('ls.export')}`);
  return h('div.ls-export', h('h3', t('ls.export')), h('p.note', t('ls.exportNote')), h('div.actions', fmt, go), status);
}

registerPanel({ id: 'landsearch', icon: '⌖', title: 'landsearch', render: panel });
