// Export of the filter result or the drawn selection. Signed-in staff: the server writes the whole set with GDAL
// (exportParcels → GeoPackage, Shapefile in GBK or UTF-8, GeoJSON, CSV, FlatGeobuf; DLTB field names), then the
// file is fetched from /exchange/exports/{id} with the session cookie and saved. Staff export the map's other layers
// the same way, through the export mutation each layer declares (serverExport in its theme): the county's rows, or
// those intersecting the drawn area's bounding box (their filters take a bbox; only parcels take a polygon). The
// public (the exports are staff only) keeps the quick export of parcels in the browser, at most EXPORT_CAP.
import { h, showError, download, toast } from './ui.js';
import { t, num } from './i18n.js';
import { gql, fetchFile } from './api.js';
import { allLayerDefs } from './themes.js';

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

/** Formats of exportParcels; the Shapefile twice, for its two text encodings. */
export const SERVER_FORMATS = [
  { id: 'GPKG', format: 'GPKG' },
  { id: 'SHAPEFILE_GBK', format: 'SHAPEFILE', encoding: 'GBK' },
  { id: 'SHAPEFILE_UTF8', format: 'SHAPEFILE', encoding: 'UTF-8' },
  { id: 'GEOJSON', format: 'GEOJSON' },
  { id: 'CSV', format: 'CSV' },
  { id: 'FLATGEOBUF', format: 'FLATGEOBUF' },
];
const EXPORT = `mutation($f: ParcelFilter, $format: ExportFormat!, $enc: String) {
  exportParcels(filter: $f, format: $format, shapefileEncoding: $enc) { id format rows url expiresAt } }`;

/** The parcels to export: the filter, within the county, and (if chosen) intersecting the drawn area. */
function chosenFilter(app) {
  const sel = document.querySelector('input[name=exwhat]:checked')?.value || 'filter';
  if (sel === 'selection' && !app.drawn) return null;
  return app.parcelFilterGql(sel === 'selection' ? { intersects: app.drawn } : {});
}

/** [minLon, minLat, maxLon, maxLat] of a drawn polygon. */
export function bboxOf(geometry) {
  const xs = [], ys = [];
  for (const ring of geometry.coordinates) for (const [x, y] of ring) { xs.push(x); ys.push(y); }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The other layers staff may export: those of the map whose theme declares their export mutation. */
const otherLayers = () => allLayerDefs().filter((d) => d.serverExport);

/**
 * A layer's export mutation with the county (and, for a selection, the drawn area's bounding box) as its list
 * query's filter: one input object, or the query's own arguments. null when a selection is asked for and none is drawn.
 */
export function layerExport(app, def, what) {
  if (what === 'selection' && !app.drawn) return null;
  const x = def.serverExport;
  const f = { [x.county]: app.county };
  if (what === 'selection') f.bbox = bboxOf(app.drawn);
  const fixed = x.fixed ? `${x.fixed}, ` : '';
  if (x.input) {
    return { query: `mutation($f: ${x.input}, $format: ExportFormat!, $enc: String) {
      x: ${x.mutation}(filter: $f, ${fixed}format: $format, shapefileEncoding: $enc) { id format rows url expiresAt } }`, variables: { f } };
  }
  return { query: `mutation($c: String, $bbox: [Float!], $format: ExportFormat!, $enc: String) {
    x: ${x.mutation}(${x.county}: $c, bbox: $bbox, ${fixed}format: $format, shapefileEncoding: $enc) { id format rows url expiresAt } }`,
  variables: { c: f[x.county], bbox: f.bbox || null } };
}

/**
 * Fetches an export mutation's answer x ({ rows, url }) from /exchange/exports/{id} with the session and saves it
 * as <name>-<county>-<date>[-<encoding>].<ext>; the status line says how far it is (data-exported = rows when saved).
 * rowsKey '' speaks of parcels, 'Rows' of rows (other layers, the land search).
 */
export async function saveServerExport(app, x, f, status, rowsKey = '', signal) {
  status.textContent = t(`export.writing${rowsKey}`, { n: num(x.rows, 0) });
  const { blob, name } = await fetchFile(x.url, {
    signal,
    onProgress: (bytes) => { status.textContent = t(`export.receiving${rowsKey}`, { n: num(x.rows, 0), mb: num(bytes / 1048576, 1) }); },
  });
  const stamp = `${app.county}-${new Date().toISOString().slice(0, 10)}${f.encoding ? `-${f.encoding}` : ''}`;
  // DLTB.zip → DLTB-533401-2025-06-30-GBK.zip; pv_sites.gpkg → pv_sites-533401-2025-06-30.gpkg
  const file = name.replace(/^([^.]+)/, `$1-${stamp}`);
  download(file, blob.type, [blob]);
  status.textContent = t(`export.saved${rowsKey}`, { n: num(x.rows, 0), file, mb: num(blob.size / 1048576, 2) });
  status.dataset.exported = String(x.rows);
  status.dataset.file = file;
}

function serverExport(app, status, bar) {
  const format = h('div.formats', SERVER_FORMATS.map((f, i) => h('label.chk',
    h('input', { type: 'radio', name: 'exformat', value: f.id, checked: i === 0, 'data-export-format': f.id }), h('span', t(`export.f.${f.id}`)))));
  const go = h('button.btn.primary', { 'data-testid': 'export-server', onclick: () => run() }, `⤓ ${t('export.download')}`);
  const stop = h('button.btn.cancel', { onclick: () => running?.abort() }, t('export.cancel'));
  const layers = otherLayers();
  const layerSel = h('select', { 'data-testid': 'export-layer', onchange: () => note.textContent = t(layerSel.value === 'parcels' ? 'export.serverNote' : 'export.layerNote') },
    h('option', { value: 'parcels' }, t('layer.parcels')), ...layers.map((d) => h('option', { value: d.id }, t(`layer.${d.id}`))));
  const note = h('p.note', t('export.serverNote'));
  async function run() {
    const what = document.querySelector('input[name=exwhat]:checked')?.value || 'filter';
    const def = layers.find((d) => d.id === layerSel.value);
    // Parcels: the map's parcel filter (and the drawn polygon); another layer: its county (and the drawn area's box).
    const request = def ? layerExport(app, def, what) : (() => {
      const filter = chosenFilter(app);
      return filter && { query: EXPORT, variables: { f: filter } };
    })();
    if (!request) { toast(t('export.noSelection'), 'error'); return; }
    const rowsKey = def ? 'Rows' : '';
    const id = document.querySelector('input[name=exformat]:checked')?.value || 'GPKG';
    const f = SERVER_FORMATS.find((x) => x.id === id);
    running?.abort();
    const ctrl = new AbortController();
    running = ctrl;
    go.disabled = true;
    delete status.dataset.exported;
    bar.classList.add('indeterminate');
    bar.firstChild.style.width = '100%';
    status.textContent = t('export.preparing');
    try {
      const d = await gql(request.query, { ...request.variables, format: f.format, enc: f.encoding || null }, { signal: ctrl.signal });
      const x = d.x || d.exportParcels;
      if (!x.rows) {
        status.textContent = t(`export.empty${rowsKey}`);
        status.dataset.exported = '0';
        return;
      }
      await saveServerExport(app, x, f, status, rowsKey, ctrl.signal);
    } catch (err) {
      if (err.name !== 'AbortError') { status.textContent = err.display || err.message; showError(err); }
    } finally {
      bar.classList.remove('indeterminate');
      go.disabled = false;
      if (running === ctrl) running = null;
    }
  }
  return [h('h3', t('export.layer')), layerSel, h('h3', t('export.format')), format, note, h('div.actions', go, stop)];
}

function quickExport(app, status, bar, box) {
  const run = async (format) => {
    const filter = chosenFilter(app);
    if (!filter) { toast(t('export.noSelection'), 'error'); return; }
    running?.abort();
    const ctrl = new AbortController();
    running = ctrl;
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
  return [
    h('p.note', t('export.quickNote', { cap: num(EXPORT_CAP, 0) })),
    h('div.actions',
      h('button.btn', { 'data-export': 'geojson', onclick: () => run('geojson') }, `⤓ ${t('export.geojson')}`),
      h('button.btn', { 'data-export': 'csv', onclick: () => run('csv') }, `⤓ ${t('export.csv')}`),
      h('button.btn.cancel', { onclick: () => running?.abort() }, t('export.cancel'))),
  ];
}

export function exportPanel(app) {
  const what = app.drawn ? 'selection' : 'filter';
  const status = h('div.export-status', { 'data-testid': 'export-status', role: 'status' });
  const bar = h('div.pbar', h('i', { style: { width: '0%' } }));
  const choice = (v) => h('label.chk', h('input', { type: 'radio', name: 'exwhat', value: v, checked: v === what, disabled: v === 'selection' && !app.drawn }), h('span', t(`export.${v}`)));
  const staff = !!app.session?.signedIn;
  const box = h(`div.export${staff ? '.server' : '.quick'}`, h('h3', t('export.what')), choice('filter'), choice('selection'));
  box.append(...(staff ? serverExport(app, status, bar) : quickExport(app, status, bar, box)), bar, status);
  return box;
}
