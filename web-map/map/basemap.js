// Optional online base map. None by default: nothing leaves the machine unless the user configures one, via
// ?basemap=<tile URL template> (or ?basemap=osm) or the settings dialog (persisted in localStorage).
import L from 'leaflet';
import { h } from './ui.js';
import { t } from './i18n.js';

const KEY = 'landatlas.basemap';
export const PRESETS = {
  osm: { url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors', maxNativeZoom: 19 },
  // 天地图 is CGCS2000-based (no GCJ-02 offset); Web-Mercator WMTS, needs a key (tk).
  tdt: {
    url: 'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}',
    subdomains: '01234567', attribution: '© 天地图', maxNativeZoom: 18,
  },
};

let layer = null;

function load() {
  const q = new URLSearchParams(location.search).get('basemap');
  if (q) return q in PRESETS ? { preset: q } : { preset: 'custom', url: q };
  try { return JSON.parse(localStorage.getItem(KEY) || 'null') || { preset: 'none' }; } catch { return { preset: 'none' }; }
}

function apply(app, cfg) {
  layer?.remove();
  layer = null;
  if (!cfg || cfg.preset === 'none') return;
  const p = PRESETS[cfg.preset];
  let url = p ? p.url : cfg.url;
  if (!url) return;
  if (cfg.preset === 'tdt') {
    if (!cfg.key) return;
    url = url.replace('{key}', encodeURIComponent(cfg.key));
  }
  layer = L.tileLayer(url, {
    subdomains: p?.subdomains || 'abc', attribution: p?.attribution || '', maxZoom: 19, maxNativeZoom: p?.maxNativeZoom || 18,
    opacity: cfg.opacity ?? 0.8, zIndex: 1, crossOrigin: false,
  }).addTo(app.map);
  layer.bringToBack();
}

export function initBasemap(app) { apply(app, load()); }

export function openSettings(app) {
  const cfg = load();
  const radios = ['none', 'osm', 'tdt', 'custom'].map((v) => h('label.chk', h('input', { type: 'radio', name: 'bm', value: v, checked: cfg.preset === v }), h('span', t(`settings.${v}`))));
  const key = h('input', { type: 'text', value: cfg.key || '', placeholder: 'tk', 'aria-label': t('settings.key') });
  const url = h('input', { type: 'url', value: cfg.url || '', placeholder: 'https://…/{z}/{x}/{y}.png', 'aria-label': t('settings.url') });
  const opacity = h('input', { type: 'range', min: 0.2, max: 1, step: 0.1, value: cfg.opacity ?? 0.8 });
  const dlg = h('dialog.settings',
    h('h2', t('settings')),
    h('h3', t('settings.basemap')), radios,
    h('label.field', h('span', t('settings.key')), key),
    h('label.field', h('span', t('settings.url')), url),
    h('label.field', h('span', t('settings.opacity')), opacity),
    h('p.warn', t('settings.warn')),
    h('div.actions',
      h('button.btn.primary', {
        onclick: () => {
          const next = { preset: dlg.querySelector('input[name=bm]:checked')?.value || 'none', key: key.value.trim(), url: url.value.trim(), opacity: +opacity.value };
          try { localStorage.setItem(KEY, JSON.stringify(next)); } catch { /* ignore */ }
          apply(app, next);
          dlg.close();
        },
      }, t('settings.save')),
      h('button.btn', { onclick: () => dlg.close() }, t('close'))));
  dlg.addEventListener('close', () => dlg.remove());
  document.body.append(dlg);
  dlg.showModal();
}
