// Rectangle and polygon selection drawn directly on the map (pointer events; no plugin), with statistics of
// the selection from landStats(filter: { intersects }) and the parcel count and area.
import L from 'leaflet';
import { h, showError } from './ui.js';
import { t, num } from './i18n.js';
import { gql } from './api.js';
import { groupBars } from './stats.js';

let shape = null; // the drawn Leaflet layer
let sketch = null;
let cleanup = null;
// More buttons under the selection statistics (e.g. 挂牌 for staff, listing-work.js): fn(app, count) → Element | null.
const selectionActions = [];
export function registerSelectionAction(fn) { selectionActions.push(fn); }

function finish(app, latlngs) {
  stop(app);
  shape?.remove();
  const ring = latlngs.map((ll) => [+ll.lng.toFixed(7), +ll.lat.toFixed(7)]);
  // RFC 7946: outer ring counter-clockwise.
  let a = 0;
  for (let i = 0; i < ring.length; i++) { const [x1, y1] = ring[i]; const [x2, y2] = ring[(i + 1) % ring.length]; a += x1 * y2 - x2 * y1; }
  if (a < 0) ring.reverse();
  ring.push(ring[0]);
  app.drawn = { type: 'Polygon', coordinates: [ring] };
  shape = L.polygon(latlngs, { color: '#ff6d00', weight: 2, dashArray: '6 4', fillOpacity: 0.08, interactive: false }).addTo(app.map);
  app.emit('drawn');
  app.showPanel('draw');
}

function stop(app) {
  cleanup?.();
  cleanup = null;
  sketch?.remove();
  sketch = null;
  app.mode = null;
  app.map.dragging.enable();
  app.map.doubleClickZoom.enable();
  app.map.getContainer().classList.remove('drawing');
}

export function startDraw(app, kind) {
  stop(app);
  const map = app.map;
  const el = map.getContainer();
  app.mode = kind;
  el.classList.add('drawing');
  map.doubleClickZoom.disable();
  const onKey = (e) => { if (e.key === 'Escape') { stop(app); app.showPanel('draw'); } };
  document.addEventListener('keydown', onKey);
  if (kind === 'rect') {
    map.dragging.disable();
    let start = null;
    const ll = (e) => map.mouseEventToLatLng(e);
    const down = (e) => {
      if (e.button > 0 || e.target.closest('.leaflet-control')) return;
      start = ll(e);
      el.setPointerCapture?.(e.pointerId);
      sketch = L.rectangle([start, start], { color: '#ff6d00', weight: 2, interactive: false }).addTo(map);
      e.preventDefault();
    };
    const move = (e) => { if (start) sketch.setBounds([start, ll(e)]); };
    const up = (e) => {
      if (!start) return;
      const b = L.latLngBounds(start, ll(e));
      start = null;
      if (map.latLngToContainerPoint(b.getNorthEast()).distanceTo(map.latLngToContainerPoint(b.getSouthWest())) < 6) { sketch?.remove(); return; }
      finish(app, [b.getSouthWest(), b.getSouthEast(), b.getNorthEast(), b.getNorthWest()]);
      // The click that ends the drag must not also select what lies under the pointer.
      const swallow = (ev) => { ev.stopImmediatePropagation(); ev.stopPropagation(); el.removeEventListener('click', swallow, true); };
      el.addEventListener('click', swallow, true);
      setTimeout(() => el.removeEventListener('click', swallow, true), 300);
    };
    el.addEventListener('pointerdown', down);
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    cleanup = () => { el.removeEventListener('pointerdown', down); el.removeEventListener('pointermove', move); el.removeEventListener('pointerup', up); document.removeEventListener('keydown', onKey); };
  } else {
    const pts = [];
    sketch = L.polyline([], { color: '#ff6d00', weight: 2, dashArray: '4 4', interactive: false }).addTo(map);
    const click = (e) => {
      if (pts.length >= 3 && map.latLngToContainerPoint(pts[0]).distanceTo(e.containerPoint) < 12) { finish(app, pts); return; }
      pts.push(e.latlng);
      sketch.setLatLngs([...pts, e.latlng]);
    };
    const move = (e) => { if (pts.length) sketch.setLatLngs([...pts, e.latlng]); };
    const dbl = (e) => { L.DomEvent.stop(e); if (pts.length >= 3) finish(app, pts); };
    map.on('click', click);
    map.on('mousemove', move);
    map.on('dblclick', dbl);
    cleanup = () => { map.off('click', click); map.off('mousemove', move); map.off('dblclick', dbl); document.removeEventListener('keydown', onKey); };
  }
}

export function clearDrawn(app) {
  stop(app);
  shape?.remove();
  shape = null;
  app.drawn = null;
  app.emit('drawn');
}

export function drawPanel(app) {
  const body = h('div');
  const box = h('div.draw',
    h('div.actions',
      h('button.btn', { 'data-draw': 'rect', class: `btn${app.mode === 'rect' ? ' on' : ''}`, onclick: () => { startDraw(app, 'rect'); app.showPanel('draw'); } }, `▭ ${t('draw.rect')}`),
      h('button.btn', { 'data-draw': 'poly', class: `btn${app.mode === 'poly' ? ' on' : ''}`, onclick: () => { startDraw(app, 'poly'); app.showPanel('draw'); } }, `⬠ ${t('draw.poly')}`),
      h('button.btn', { onclick: () => { clearDrawn(app); app.showPanel('draw'); } }, t('draw.clear'))),
    app.mode ? h('p.hint', t(app.mode === 'rect' ? 'draw.hintRect' : 'draw.hintPoly')) : null,
    body);
  if (app.drawn) {
    body.append(h('h3', t('draw.stats')), h('p.note', t('draw.withFilter')), h('p.muted.loadingtext', t('loading')));
    const f = app.parcelFilterGql({ intersects: app.drawn });
    gql(`query($f: ParcelFilter) { s: landStats(filter: $f, groupBy: [CLASS_GROUP]) { keys { code name } count netAreaMu areaMu }
      c: parcels(filter: $f, first: 0) { totalCount totalAreaMu } }`, { f })
      .then(({ s, c }) => {
        body.lastChild.replaceWith(h('div',
          h('div.count', { 'data-testid': 'selection-count', 'data-count': c.totalCount }, t('filter.count', { n: num(c.totalCount, 0), mu: num(c.totalAreaMu, 1), ha: num(c.totalAreaMu / 15, 1) })),
          s.length ? groupBars(s) : null,
          h('div.actions', h('button.btn', { onclick: () => app.showPanel('export') }, `⤓ ${t('exportT')}`),
            selectionActions.map((fn) => fn(app, c.totalCount)))));
      })
      .catch((err) => { body.lastChild.replaceWith(h('p.error', err.display || err.message)); showError(err); });
  }
  return box;
}
