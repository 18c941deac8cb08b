// Labels of counties, townships and villages from the admin_labels tile layer: the points of loaded tiles are
// collected by code and shown as DOM labels, largest units first, skipping labels that would overlap.
import L from 'leaflet';
import { debounce } from './ui.js';
import { schedule, sliceOver } from './vectorgrid.js';

const LEVEL = { county: 0, township: 1, village: 2 };
const MIN_ZOOM = { county: 0, township: 8, village: 11 };

export function attachLabels(map, layer) {
  const points = new Map(); // code → {name, level, latlng, refs}
  const shown = new Map(); // code → marker
  if (!map.getPane('labels')) {
    const pane = map.createPane('labels');
    pane.style.zIndex = 450;
    pane.style.pointerEvents = 'none';
  }
  const toLatLng = (rec, x, y) => {
    const size = layer.getTileSize().x;
    const ext = rec.data.extent;
    return map.unproject([rec.coords.x * size + (x * size) / ext, rec.coords.y * size + (y * size) / ext], rec.coords.z);
  };
  layer.on('tiledata', ({ rec }) => {
    for (const f of rec.data.features) {
      const code = String(f.props.code);
      const e = points.get(code);
      if (e) { e.refs++; continue; }
      const i = f.r[0];
      points.set(code, { code, name: f.props.name, level: f.props.level, latlng: toLatLng(rec, rec.data.coords[i], rec.data.coords[i + 1]), refs: 1 });
    }
    update();
  });
  layer.on('tiledrop', ({ rec }) => {
    if (!rec.data) return;
    for (const f of rec.data.features) {
      const e = points.get(String(f.props.code));
      if (e && --e.refs <= 0) points.delete(e.code);
    }
    update();
  });
  // Placement and DOM updates run as a job of the shared frame-sliced queue (hundreds of village labels would
  // otherwise be one long task); a newer render supersedes an unfinished one.
  let gen = 0;
  const render = () => {
    const my = ++gen;
    if (!map.hasLayer(layer)) { shown.forEach((m) => m.remove()); shown.clear(); return; }
    const z = map.getZoom();
    const size = map.getSize();
    const boxes = [];
    const keep = new Set();
    let cands = null;
    let i = 0;
    let removing = null;
    schedule(() => {
      if (my !== gen) return false;
      if (!cands) {
        cands = [...points.values()].filter((p) => z >= (MIN_ZOOM[p.level] ?? 99))
          .sort((a, b) => (LEVEL[a.level] - LEVEL[b.level]) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      }
      while (i < cands.length) {
        if ((i & 15) === 0 && sliceOver()) return true;
        const p = cands[i++];
        const pt = map.latLngToContainerPoint(p.latlng);
        if (pt.x < -100 || pt.y < -40 || pt.x > size.x + 100 || pt.y > size.y + 40) continue;
        const fs = p.level === 'county' ? 18 : p.level === 'township' ? 14 : 12;
        const w = p.name.length * fs * 1.05 + 8, hgt = fs + 6;
        const box = [pt.x - w / 2, pt.y - hgt / 2, pt.x + w / 2, pt.y + hgt / 2];
        if (boxes.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
        boxes.push(box);
        keep.add(p.code);
        if (!shown.has(p.code)) {
          const icon = L.divIcon({ className: `lbl lbl-${p.level}`, html: `<span>${p.name.replace(/[<&]/g, '')}</span>`, iconSize: null });
          shown.set(p.code, L.marker(p.latlng, { icon, pane: 'labels', interactive: false, keyboard: false }).addTo(map));
        }
      }
      removing ??= [...shown.keys()].filter((code) => !keep.has(code));
      while (removing.length) {
        if (sliceOver()) return true;
        const code = removing.pop();
        shown.get(code)?.remove();
        shown.delete(code);
      }
      return false;
    });
  };
  const update = debounce(render, 120);
  map.on('zoomend moveend', update);
  layer.on('remove', () => { shown.forEach((m) => m.remove()); shown.clear(); });
  return { count: () => shown.size };
}
