// Export of the filter result or the drawn selection as GeoJSON or CSV, paging through parcels 1,000 at a time.
import { h, showError, download, toast } from './ui.js';
import { t, num } from './i18n.js';
import { gql } from './api.js';

export const EXPORT_CAP = 20000;
const FIELDS = ['id', 'bsm', 'tbbh', 'landClassCode', 'landClassName', 'classGroup', 'areaMu', 'areaHa', 'netAreaMu', 'isPermanentBasicFarmland',
  'isHighStandardFarmland', 'plantingAttribute', 'circulationStatus', 'ownershipNature', 'ownerUnitName', 'locationUnitCode', 'locationUnitName', 'dataYear', 'synthetic'];
const PAGE = `query($f: ParcelFilter, $after: String) { parcels(filter: $f, first: 1000, after: $after, orderBy: { field: ID }) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS.join(' ')} geometry(precision: 7) } } } }`;
const PAGE_NOGEOM = PAGE.replace(' geometry(precision: 7)', '');

let running = null;

async function collect(app, filter, withGeometry, onProgress, signal) {
  const nodes = [];
  let after = null;
  let total = 0;
  for (;;) {
    const d = await gql(withGeometry ? PAGE : PAGE_NOGEOM, { f: filter, after }, { signal });
    const c = d.parcels;
    total = c.totalCount;
    for (const e of c.edges) nodes.push(e.node);
    onProgress(nodes.length, Math.min(total, EXPORT_CAP));
    if (!c.pageInfo.hasNextPage || nodes.length >= EXPORT_CAP) break;
    after = c.pageInfo.endCursor;
  }
  return { nodes: nodes.slice(0, EXPORT_CAP), total };
}

function csvCell(v) {
  if (v == null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(nodes) {
  const lines = [FIELDS.join(',')];
  for (const n of nodes) lines.push(FIELDS.map((f) => csvCell(n[f])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
export function toGeoJson(nodes) {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: nodes.map(({ geometry, ...props }) => ({ type: 'Feature', id: props.id, geometry, properties: props })),
  });
}

export function exportPanel(app) {
  const what = app.drawn ? 'selection' : 'filter';
  const status = h('div.export-status');
  const bar = h('div.pbar', h('i', { style: { width: '0%' } }));
  const choice = (v) => h('label.chk', h('input', { type: 'radio', name: 'exwhat', value: v, checked: v === what, disabled: v === 'selection' && !app.drawn }), h('span', t(`export.${v}`)));
  const run = async (format) => {
    const sel = document.querySelector('input[name=exwhat]:checked')?.value || 'filter';
    if (sel === 'selection' && !app.drawn) { toast(t('export.noSelection'), 'error'); return; }
    running?.abort();
    const ctrl = new AbortController();
    running = ctrl;
    const filter = app.parcelFilterGql(sel === 'selection' ? { intersects: app.drawn } : {});
    box.classList.add('running');
    try {
      const { nodes, total } = await collect(app, filter, format === 'geojson', (n, tot) => {
        status.textContent = t('export.progress', { n: num(n, 0), total: num(tot, 0) });
        bar.firstChild.style.width = `${tot ? (100 * n) / tot : 100}%`;
      }, ctrl.signal);
      const stamp = `${app.county}-${new Date().toISOString().slice(0, 10)}`;
      if (format === 'geojson') download(`landatlas-parcels-${stamp}.geojson`, 'application/geo+json', [toGeoJson(nodes)]);
      else download(`landatlas-parcels-${stamp}.csv`, 'text/csv;charset=utf-8', [toCsv(nodes)]);
      status.textContent = `${t('export.done', { n: num(nodes.length, 0) })}${total > EXPORT_CAP ? ` — ${t('export.cap', { cap: num(EXPORT_CAP, 0) })}` : ''}`;
      status.dataset.exported = nodes.length;
    } catch (err) {
      if (err.name !== 'AbortError') { status.textContent = err.display || err.message; showError(err); }
    } finally {
      box.classList.remove('running');
      if (running === ctrl) running = null;
    }
  };
  const box = h('div.export',
    h('h3', t('export.what')), choice('filter'), choice('selection'),
    h('p.note', t('export.cap', { cap: num(EXPORT_CAP, 0) }).replace(/，已截断|^Capped at/, (m) => (m.startsWith('Capped') ? 'At most' : ''))),
    h('div.actions',
      h('button.btn', { 'data-export': 'geojson', onclick: () => run('geojson') }, `⤓ ${t('export.geojson')}`),
      h('button.btn', { 'data-export': 'csv', onclick: () => run('csv') }, `⤓ ${t('export.csv')}`),
      h('button.btn.cancel', { onclick: () => running?.abort() }, t('export.cancel'))),
    bar, status);
  return box;
}
