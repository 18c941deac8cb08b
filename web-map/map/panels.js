// The side-panel tabs. Themes may add panels with registerPanel() (see themes.js for the contract).
import { h, toast } from './ui.js';
import { t, te } from './i18n.js';
import { allThemes, detailExtras } from './themes.js';
import { filterPanel } from './filter.js';
import { statsPanel } from './stats.js';
import { drawPanel } from './draw.js';
import { exportPanel } from './export.js';
import { openSignIn } from './auth.js';

/** Why a panel could not load: sign-in needed (FORBIDDEN, or not found by the public), or the error itself. */
export function loadErrorNote(err, app) {
  const signedIn = !!app.session?.signedIn;
  const signInBtn = signedIn ? null : h('button.btn.primary', { onclick: () => openSignIn() }, t('auth.signIn'));
  if (err?.code === 'FORBIDDEN') {
    return h('div.signin-needed', { 'data-testid': 'signin-needed' },
      h('h3', t(signedIn ? 'auth.noRights' : 'auth.needed')), h('p', t(signedIn ? 'auth.noRightsText' : 'auth.neededText')),
      h('p.note', err.message), signInBtn);
  }
  if (err?.code === 'NOT_FOUND' && !signedIn) {
    return h('div.signin-needed', { 'data-testid': 'signin-needed' }, h('p', t('auth.maybeHidden')), signInBtn);
  }
  return h('p.error', err?.display || err?.message || t('error'));
}

function detailsPanel(app) {
  const box = h('div.details');
  if (!app.sel) return h('div.details', h('p.muted', t('selectOnMap')));
  const r = app.detailRenderer(app.sel.kind);
  if (app.selState === 'loading' || !app.selectedData) {
    if (app.selState === 'error') return h('div.details', loadErrorNote(app.selError, app));
    return h('div.details', h('p.muted.loadingtext', t('loading')));
  }
  const data = app.selectedData;
  const url = app.linkTo();
  const linkInput = h('input.link', { readonly: true, value: url, onfocus: (e) => e.target.select() });
  box.append(
    h('h2', r.title(data)),
    r.render(data, app),
    ...detailExtras(app.sel.kind).map((fn) => fn(data, app)).filter(Boolean),
    h('div.actions',
      h('button.btn', { onclick: () => app.focusSelection() }, t('zoomTo')),
      h('button.btn', {
        onclick: async () => {
          linkInput.value = app.linkTo();
          try { await navigator.clipboard.writeText(linkInput.value); toast(t('copied')); } catch { linkInput.select(); }
        },
      }, `🔗 ${t('linkHere')}`)),
    linkInput,
  );
  return box;
}

function swatch(item) {
  if (item.text) return h('span.sw.text', '文');
  if (item.point) return h('span.sw.point', { style: { background: item.fill } });
  if (item.line || (!item.fill && item.stroke)) {
    return h('span.sw.line', { style: { borderTop: `${Math.max(2, item.width || 2)}px ${item.dash ? 'dashed' : 'solid'} ${item.stroke}` } });
  }
  return h('span.sw', { style: { background: item.fill, border: `1.5px ${item.dash ? 'dashed' : 'solid'} ${item.stroke || 'rgba(0,0,0,0.25)'}` } });
}

function layersPanel(app) {
  const box = h('div.layers');
  const z = app.map.getZoom();
  for (const theme of allThemes()) {
    const defs = theme.layers || [];
    if (!defs.length) continue;
    box.append(h('h3', t(theme.title)));
    for (const def of defs) {
      const e = app.layers.get(def.id);
      const cb = h('input', { type: 'checkbox', checked: e.on, 'data-layer': def.id, onchange: (ev) => { app.setLayerOn(def.id, ev.target.checked); app.showPanel('layers'); } });
      const tooSmall = def.minZoom && z < def.minZoom;
      box.append(h('label.layer', cb, h('span', t(`layer.${def.tiles}`)), tooSmall ? h('small.muted', ` (${t('minZoomNote', { z: def.minZoom })})`) : null));
      if (e.on && def.legend) box.append(h('ul.legend', def.legend().map((it) => h('li', swatch(it), h('span', it.label)))));
    }
  }
  return box;
}

export const panels = [
  { id: 'details', icon: 'ℹ', title: 'details', render: detailsPanel },
  { id: 'layers', icon: '☰', title: 'layers', render: layersPanel },
  { id: 'filter', icon: '⚲', title: 'filter', render: filterPanel },
  { id: 'stats', icon: '▤', title: 'stats', render: statsPanel },
  { id: 'draw', icon: '▭', title: 'draw', render: drawPanel },
  { id: 'export', icon: '⤓', title: 'exportT', render: exportPanel },
];
export function registerPanel(panel) { panels.push(panel); }
void te;
