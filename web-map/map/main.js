// LandAtlas web map: the application core (map, layers, selection, URL state) and the shell.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { t, setLang, getLang, onLang } from './i18n.js';
import { h, $, toast, showError, mountLoadingBar, onBusyChange, busy } from './ui.js';
import { gql } from './api.js';
import { vectorTileLayer, counters } from './vectorgrid.js';
import { attachLabels } from './labels.js';
import { allLayerDefs, allThemes, detailRenderer } from './themes.js';
import { parseHash, formatHash, parseRef, formatRef } from './state.js';
import './themes/land.js';
import './themes/admin.js';
import './themes/protection.js';
import './themes/circulation.js';
import './themes/energy.js';
import './themes/infra.js';
import { panels } from './panels.js';
import './landsearch.js';
import './listing-work.js';
import './dispute-work.js';
import './supervision.js';
import './homestead-work.js';
import './pv-work.js';
import { mountSearch } from './search.js';
import { initBasemap, openSettings } from './basemap.js';
import { mountAccount, loadSession } from './auth.js';

const listeners = {};
export const app = {
  map: null,
  county: null,
  counties: [],
  layers: new Map(),
  filter: { groups: [], areaMin: null, areaMax: null, pbf: null, hsf: null, planting: [], circ: [] },
  sel: null,
  selectedData: null,
  drawn: null,
  mode: null,
  statsUnit: null,
  on(evt, fn) { (listeners[evt] ??= []).push(fn); },
  emit(evt, arg) { (listeners[evt] || []).forEach((fn) => { try { fn(arg); } catch (e) { showError(e); } }); },
};
window.__landatlas = app;

// ---- parcel filter → tile params and GraphQL filter ------------------------------------------------------------
app.parcelTileParams = () => {
  const f = app.filter;
  const p = {};
  if (f.groups.length) p.class_group = f.groups.join(',');
  if (f.pbf != null) p.pbf = String(f.pbf);
  if (f.hsf != null) p.hsf = String(f.hsf);
  if (f.planting.length) p.planting = f.planting.join(',');
  if (f.circ.length) p.circulation_status = f.circ.join(',');
  return p;
};
app.parcelFilterGql = (extra = {}) => {
  const f = app.filter;
  const g = {};
  if (app.county) g.adminCode = app.county;
  if (f.groups.length) g.classGroups = f.groups.map((x) => x.toUpperCase());
  if (f.areaMin != null || f.areaMax != null) g.areaMu = { ...(f.areaMin != null && { min: f.areaMin }), ...(f.areaMax != null && { max: f.areaMax }) };
  if (f.pbf != null) g.permanentBasicFarmland = f.pbf;
  if (f.hsf != null) g.highStandardFarmland = f.hsf;
  if (f.planting.length) g.plantingAttributes = f.planting;
  if (f.circ.length) g.circulationStatuses = f.circ.map((x) => x.toUpperCase());
  return { ...g, ...extra };
};
app.applyFilter = () => {
  const e = app.layers.get('parcels');
  const params = app.parcelTileParams();
  if (JSON.stringify(params) !== JSON.stringify(e.layer.options.params)) e.layer.setParams(params);
  else e.layer.restyle();
  app.emit('filter');
};

// ---- shell -------------------------------------------------------------------------------------------------
const root = document.getElementById('app');
const countySel = h('select#county', { 'aria-label': t('chooseCounty'), onchange: (e) => app.setCounty(e.target.value, { fit: true }) });
const langBtn = h('button.btn.lang', { onclick: () => setLang(getLang() === 'zh' ? 'en' : 'zh') });
const settingsBtn = h('button.btn.icon', { onclick: () => openSettings(app), 'aria-label': 'settings' }, '⚙');
const synthBadge = h('span.badge.synth');
const titleEl = h('h1');
const searchBox = h('div.search');
const accountBox = h('div.account');
const header = h('header.top', titleEl, synthBadge, countySel, searchBox, h('span.spacer'), accountBox, langBtn, settingsBtn);
const mapEl = h('div#map');
const tabBar = h('nav.tabs', { role: 'tablist' });
const panelBody = h('div.panel-body');
const collapseBtn = h('button.collapse', { onclick: () => togglePanel() });
const panelEl = h('aside.panel', tabBar, panelBody);
const hoverTip = h('div.hovertip');
root.append(header, h('main', mapEl, collapseBtn, panelEl, hoverTip));
mountLoadingBar(header);

let currentTab = 'details';
function togglePanel(open) {
  const willOpen = open ?? root.classList.contains('collapsed');
  root.classList.toggle('collapsed', !willOpen);
  collapseBtn.textContent = willOpen ? '›' : '‹';
  collapseBtn.title = t('panel');
  setTimeout(() => app.map?.invalidateSize(), 250);
}
app.showPanel = (id) => {
  currentTab = id;
  togglePanel(true);
  renderTabs();
  panelBody.replaceChildren();
  const p = panels.find((x) => x.id === id);
  panelBody.append(p.render(app));
  panelBody.scrollTop = 0;
};
app.currentTab = () => currentTab;
/**
 * The panel's focused field, found again after a redraw by its own data-testid, data-field, name or id (within
 * its nearest data-testid block): a redraw that arrives while someone types (a tab's data coming in) would
 * otherwise take the field from under the keyboard, and the next keys would go nowhere.
 */
function focusedField() {
  const e = document.activeElement;
  if (!e || e === panelBody || !panelBody.contains(e) || !('value' in e)) return null;
  const key = ['data-testid', 'data-field', 'name', 'id'].find((a) => e.hasAttribute(a));
  if (!key) return null;
  const own = `[${key}="${CSS.escape(e.getAttribute(key))}"]`;
  const block = key === 'data-testid' ? null : e.parentElement?.closest('[data-testid]');
  let caret = null;
  try { caret = e.selectionStart == null ? null : [e.selectionStart, e.selectionEnd]; } catch { /* number inputs have no caret */ }
  return { sel: block && panelBody.contains(block) ? `[data-testid="${CSS.escape(block.dataset.testid)}"] ${own}` : own, value: e.value, caret };
}
function restoreField(f) {
  const n = f && panelBody.querySelector(f.sel);
  if (!n) return;
  if (n.tagName !== 'SELECT' && n.value !== f.value) n.value = f.value;
  n.focus({ preventScroll: true });
  if (f.caret) try { n.setSelectionRange(...f.caret); } catch { /* not a text field */ }
}
/** Renders the open tab again (new data or rights) without opening a collapsed panel or switching tabs. */
app.refreshPanel = () => {
  const top = panelBody.scrollTop;
  const field = focusedField();
  panelBody.replaceChildren(panels.find((x) => x.id === currentTab).render(app));
  restoreField(field);
  panelBody.scrollTop = top;
};
function renderTabs() {
  tabBar.replaceChildren(...panels.map((p) => h(`button.tab${p.id === currentTab ? '.on' : ''}`, {
    role: 'tab', 'data-tab': p.id, 'aria-selected': String(p.id === currentTab), onclick: () => app.showPanel(p.id),
  }, h('span.ico', p.icon), h('span.lbl', t(p.title)))));
}
function renderChrome() {
  document.title = t('title');
  titleEl.textContent = t('title');
  synthBadge.textContent = t('synthetic');
  synthBadge.title = t('syntheticTip');
  langBtn.textContent = t('language');
  settingsBtn.title = t('settings');
  countySel.setAttribute('aria-label', t('chooseCounty'));
  renderTabs();
}

// ---- map and layers ------------------------------------------------------------------------------------------
const map = L.map(mapEl, { fadeAnimation: false, zoomControl: true, minZoom: 3, maxZoom: 19, worldCopyJump: false, attributionControl: true, tap: false });
app.map = map;
map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
map.attributionControl.addAttribution('LandAtlas · <b>合成示例数据 synthetic demo data</b>');
L.control.scale({ imperial: false }).addTo(map);
map.createPane('sel').style.zIndex = 440;
map.createPane('hover').style.zIndex = 430;
for (const n of ['sel', 'hover']) map.getPane(n).style.pointerEvents = 'none';

for (const def of allLayerDefs()) {
  const layer = vectorTileLayer({
    layer: def.tiles, zIndex: def.zIndex, minZoom: def.minZoom ?? 0, maxZoom: 19, draw: def.draw !== false,
    style: def.styleFactory ? def.styleFactory(app) : def.style, params: def.params ? def.params(app) : {},
    polygonHit: def.polygonHit, composite: def.composite,
  });
  layer.on('tilefail', (e) => showError({ display: t('err.tile', { msg: e.error.message }) }));
  const entry = { def, layer, on: false };
  app.layers.set(def.id, entry);
  if (def.labels) app.labels = attachLabels(map, layer);
}
let parcelsMarked = false;
app.layers.get('parcels').layer.on('load', () => {
  if (parcelsMarked) return;
  parcelsMarked = true;
  performance.mark('landatlas:parcels-drawn');
  app.parcelsDrawnAt = performance.now();
  app.emit('parcels-drawn');
});

app.setLayerOn = (id, on, { silent } = {}) => {
  const e = app.layers.get(id);
  if (!e || e.on === on) return;
  e.on = on;
  if (on) map.addLayer(e.layer);
  else map.removeLayer(e.layer);
  if (!silent) { writeHash(); app.emit('layers'); }
};
const defaultLayers = () => allLayerDefs().filter((d) => d.defaultOn).map((d) => d.id);
app.visibleLayers = () => [...app.layers.values()].filter((e) => e.on).map((e) => e.def.id);
function applyLayerList(list) {
  for (const id of app.layers.keys()) app.setLayerOn(id, list.includes(id), { silent: true });
  app.emit('layers');
}

// ---- hit testing, hover and click ---------------------------------------------------------------------------
const hitOrder = () => [...app.layers.values()].filter((e) => e.on && e.def.draw !== false && e.def.interactive !== false && e.def.pick)
  .sort((a, b) => ((b.def.hitPriority ?? 0) - (a.def.hitPriority ?? 0)) || (b.def.zIndex - a.def.zIndex));
app.hitAt = (latlng) => {
  for (const e of hitOrder()) {
    const hits = e.layer.hitTest(latlng, L.Browser.mobile ? 10 : 5);
    if (hits.length) return { ...hits[0], def: e.def };
  }
  return null;
};
let hoverOutline = null;
let hoverFeature = null;
let hoverFrame = 0;
map.on('mousemove', (ev) => {
  if (hoverFrame || app.mode) return;
  hoverFrame = requestAnimationFrame(() => {
    hoverFrame = 0;
    const hit = app.hitAt(ev.latlng);
    mapEl.style.cursor = hit ? 'pointer' : '';
    if (!hit) { hoverTip.style.display = 'none'; clearHover(); return; }
    hoverTip.textContent = hit.def.hover ? hit.def.hover(hit.feature.props) : '';
    hoverTip.style.display = hoverTip.textContent ? 'block' : 'none';
    hoverTip.style.transform = `translate(${ev.containerPoint.x + 14}px, ${ev.containerPoint.y + 10}px)`;
    if (hoverFeature !== hit.feature) {
      clearHover();
      hoverFeature = hit.feature;
      if (hit.feature.type !== 1 && hit.def.polygonHit === undefined) {
        const ll = hit.layer.featureLatLngs(hit.rec, hit.feature);
        // Fill only: tile geometries are clipped at the tile buffer, and an outline would show the clip edges.
        hoverOutline = hit.feature.type === 3
          ? L.polygon(ll, { pane: 'hover', stroke: false, fillColor: '#ff00aa', fillOpacity: 0.22, interactive: false })
          : L.polyline(ll, { pane: 'hover', color: '#ff00aa', weight: 4, opacity: 0.6, interactive: false });
        hoverOutline.addTo(map);
      }
    }
  });
});
function clearHover() {
  hoverOutline?.remove();
  hoverOutline = null;
  hoverFeature = null;
}
map.on('mouseout', () => { hoverTip.style.display = 'none'; clearHover(); });
map.on('click', (ev) => {
  if (app.mode) return;
  const hit = app.hitAt(ev.latlng);
  if (!hit) { app.clearSelection(); return; }
  const ref = hit.def.pick(hit.feature, [ev.latlng.lng, ev.latlng.lat]);
  if (ref) app.select(ref);
});

// ---- selection ----------------------------------------------------------------------------------------------
let selLayer = null;
let selToken = 0;
app.clearSelection = () => {
  selToken++;
  app.sel = null;
  app.selectedData = null;
  selLayer?.remove();
  selLayer = null;
  writeHash();
  if (currentTab === 'details') app.showPanel('details');
};
app.select = async (ref, { fly = false, reload = false } = {}) => {
  const r = detailRenderer(ref.kind);
  if (!r) return;
  const token = ++selToken;
  app.sel = ref;
  // reload: the same object again (e.g. after sign-in), keeping the open tab and the old data until it arrives.
  if (!reload) {
    app.selectedData = null;
    app.selState = 'loading';
    writeHash();
    app.showPanel('details');
  }
  try {
    const data = await r.load(ref, app);
    if (token !== selToken) return;
    app.selectedData = data;
    app.selState = 'ready';
    selLayer?.remove();
    const geom = r.geometry?.(data);
    selLayer = geom ? L.geoJSON(geom, {
      pane: 'sel', interactive: false,
      style: { color: '#00b8d4', weight: 3, fillColor: '#00e5ff', fillOpacity: 0.12 },
      pointToLayer: (f, ll) => L.circleMarker(ll, { pane: 'sel', radius: 9, color: '#00b8d4', weight: 3, fillOpacity: 0.2 }),
    }).addTo(map) : null;
    if (fly) focusOn(r, data);
    if (currentTab === 'details') (reload ? app.refreshPanel() : app.showPanel('details'));
    app.emit('selected', ref);
  } catch (err) {
    if (token !== selToken) return;
    app.selState = 'error';
    app.selectedData = null;
    app.selError = err;
    selLayer?.remove();
    selLayer = null;
    // The panel explains these (sign-in needed); other errors also get a toast.
    if (!(err.code === 'FORBIDDEN' || (err.code === 'NOT_FOUND' && !app.session?.signedIn))) showError(err);
    if (currentTab === 'details') (reload ? app.refreshPanel() : app.showPanel('details'));
  }
};
function focusOn(r, data) {
  const f = r.focus?.(data);
  if (f?.bbox) map.fitBounds([[f.bbox[1], f.bbox[0]], [f.bbox[3], f.bbox[2]]], { maxZoom: 16 });
  else if (f?.latlng) map.setView(f.latlng, Math.max(map.getZoom(), f.zoom));
  else if (selLayer) {
    const b = selLayer.getBounds();
    if (b.isValid()) map.fitBounds(b, { maxZoom: 17 });
  }
}
app.focusSelection = () => { if (app.sel && app.selectedData) focusOn(detailRenderer(app.sel.kind), app.selectedData); };
app.detailRenderer = detailRenderer;

// ---- county -----------------------------------------------------------------------------------------------------
app.setCounty = (code, { fit = false } = {}) => {
  const c = app.counties.find((x) => x.code === code);
  if (!c) return;
  const changed = app.county !== code;
  app.county = code;
  countySel.value = code;
  if (changed) app.statsUnit = code;
  if (fit) map.fitBounds([[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]]);
  writeHash();
  if (changed) app.emit('county', code);
};
function countyAt(latlng) {
  return app.counties.find((c) => latlng.lng >= c.bbox[0] && latlng.lng <= c.bbox[2] && latlng.lat >= c.bbox[1] && latlng.lat <= c.bbox[3]);
}

// ---- URL hash ------------------------------------------------------------------------------------------------
let lastHash = '';
let restoring = false;
function writeHash() {
  if (restoring || !app.ready) return;
  const c = map.getCenter();
  const hash = formatHash({
    c: app.county, z: map.getZoom(), ll: [c.lat, c.lng], l: app.visibleLayers(),
    sel: app.sel ? formatRef(app.sel) : null, lang: getLang() === 'zh' ? null : getLang(),
  });
  if (hash !== location.hash) {
    lastHash = hash;
    history.replaceState(null, '', hash);
  }
}
app.writeHash = writeHash;
app.linkTo = () => location.href;
map.on('moveend', () => {
  writeHash();
  if (!restoring && app.ready) {
    const c = countyAt(map.getCenter());
    if (c && c.code !== app.county) app.setCounty(c.code);
  }
});

function restore(s, { initial = false } = {}) {
  restoring = true;
  try {
    if (s.lang) setLang(s.lang);
    if (s.c && app.counties.some((c) => c.code === s.c)) app.setCounty(s.c, { fit: !(s.ll && s.z != null) && !s.sel });
    if (s.ll && s.z != null) map.setView(s.ll, s.z, { animate: false });
    applyLayerList(s.l || (initial ? defaultLayers() : app.visibleLayers()));
  } finally {
    restoring = false;
  }
  const selStr = app.sel ? formatRef(app.sel) : null;
  if (s.sel && s.sel !== selStr) {
    const ref = parseRef(s.sel);
    if (ref) app.select(ref, { fly: !(s.ll && s.z != null) });
  } else if (!s.sel && app.sel && !initial) app.clearSelection();
  writeHash();
}
window.addEventListener('hashchange', () => {
  if (location.hash === lastHash) return;
  restore(parseHash());
});

// ---- sign-in and sign-out -------------------------------------------------------------------------------------
// What the viewer may see changed: redraw the tile layers whose rows depend on it (no cache-busting URL
// parameters: tiles are revalidated with ETags that differ by viewer) and reload the open panels.
app.on('session', () => {
  for (const e of app.layers.values()) if (e.def.perViewer && e.on) e.layer.setParams({ ...e.layer.options.params });
  if (app.sel) app.select(app.sel, { reload: true });
  if (!app.sel || currentTab !== 'details') app.refreshPanel();
});

// ---- language ------------------------------------------------------------------------------------------------------
onLang(() => {
  renderChrome();
  app.showPanel(currentTab);
  writeHash();
  app.emit('lang');
});

// ---- start -------------------------------------------------------------------------------------------------------
async function start() {
  const s = parseHash();
  let lang = s.lang;
  if (!lang) { try { lang = localStorage.getItem('landatlas.lang'); } catch { /* ignore */ } }
  if (lang) setLang(lang);
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  renderChrome();
  togglePanel(window.innerWidth >= 768);
  app.showPanel('details');
  initBasemap(app);
  mountSearch(app, searchBox);
  mountAccount(app, accountBox);
  const sessionLoaded = loadSession();
  const haveView = s.ll && s.z != null;
  if (haveView) {
    map.setView(s.ll, s.z, { animate: false });
    applyLayerList(s.l || defaultLayers());
  }
  let counties = [];
  try {
    const d = await gql('{ counties { code name kind bbox } dataset { profile synthetic } }');
    counties = d.counties;
    app.dataset = d.dataset;
    synthBadge.hidden = d.dataset && !d.dataset.synthetic;
  } catch (err) {
    showError(err);
  }
  await sessionLoaded;
  app.counties = counties;
  countySel.replaceChildren(...counties.map((c) => h('option', { value: c.code }, `${c.name} (${c.code})`)));
  const code = (s.c && counties.some((c) => c.code === s.c) && s.c)
    || (haveView && countyAt(map.getCenter())?.code) || counties[0]?.code;
  if (!haveView) {
    const c = counties.find((x) => x.code === code);
    if (c) map.fitBounds([[c.bbox[1], c.bbox[0]], [c.bbox[3], c.bbox[2]]], { animate: false });
    else map.setView([35, 105], 4);
    applyLayerList(s.l || defaultLayers());
  }
  app.ready = true;
  if (code) app.setCounty(code);
  if (s.sel) {
    const ref = parseRef(s.sel);
    if (ref) app.select(ref, { fly: !haveView });
  }
  writeHash();
  app.emit('ready');
}

// Test and benchmark hooks.
app.stats = () => ({
  ...counters,
  byLayer: JSON.parse(JSON.stringify(counters.byLayer)),
  busy: busy(),
  parcelsDrawnAt: app.parcelsDrawnAt ?? null,
  labels: app.labels?.count() ?? 0,
  parcelFeaturesInView: app.layers.get('parcels').layer.records().reduce((n, r) => n + (r.drawnFeatures || 0), 0),
  themes: allThemes().map((x) => x.id),
});
app.idle = () => new Promise((resolve) => {
  const check = () => (busy() === 0 ? resolve() : setTimeout(check, 50));
  setTimeout(check, 50);
});
onBusyChange(() => {});

start().catch(showError);
void toast;
void $;
