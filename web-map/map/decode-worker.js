// Decodes Mapbox Vector Tiles off the main thread into flat Int16 coordinates (tile extent units) plus
// per-feature ring offsets and bounding boxes, so the page only draws and hit-tests. Everything is sent as
// transferable typed arrays plus one table of distinct property values: structured-cloning thousands of
// feature objects would cost the page tens of milliseconds per tile on receipt.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

function grow(a, need) {
  if (need <= a.length) return a;
  const b = new a.constructor(Math.max(a.length * 2, need + 1024));
  b.set(a);
  return b;
}

self.onmessage = ({ data: { id, buf } }) => {
  try {
    const tile = new VectorTile(new PbfReader(new Uint8Array(buf)));
    let coords = new Int16Array(8192);
    let n = 0;
    let rings = new Int32Array(1024); // [start, end) pairs into coords
    let nr = 0;
    let tags = new Int32Array(1024); // [keyIndex, valueIndex] pairs
    let nt = 0;
    const ringStart = [0];
    const tagStart = [0];
    const types = [];
    const ids = [];
    const bbox = [];
    const keys = [];
    const keyIdx = new Map();
    const values = [];
    const valIdx = new Map();
    let extent = 4096;
    for (const name in tile.layers) {
      const layer = tile.layers[name];
      extent = layer.extent;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        const geom = f.loadGeometry();
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (const ring of geom) {
          coords = grow(coords, n + ring.length * 2);
          rings = grow(rings, nr + 2);
          rings[nr++] = n;
          for (const p of ring) {
            coords[n++] = p.x;
            coords[n++] = p.y;
            if (p.x < x0) x0 = p.x;
            if (p.x > x1) x1 = p.x;
            if (p.y < y0) y0 = p.y;
            if (p.y > y1) y1 = p.y;
          }
          rings[nr++] = n;
        }
        for (const k in f.properties) {
          const v = f.properties[k];
          let ki = keyIdx.get(k);
          if (ki === undefined) { ki = keys.length; keys.push(k); keyIdx.set(k, ki); }
          const vk = typeof v === 'string' ? `s${v}` : `${typeof v}:${v}`;
          let vi = valIdx.get(vk);
          if (vi === undefined) { vi = values.length; values.push(v); valIdx.set(vk, vi); }
          tags = grow(tags, nt + 2);
          tags[nt++] = ki;
          tags[nt++] = vi;
        }
        ringStart.push(nr);
        tagStart.push(nt);
        types.push(f.type);
        ids.push(f.id ?? NaN);
        bbox.push(x0, y0, x1, y1);
      }
    }
    const out = {
      id, extent, count: types.length, keys, values,
      coords: coords.slice(0, n), rings: rings.slice(0, nr), tags: tags.slice(0, nt),
      ringStart: Int32Array.from(ringStart), tagStart: Int32Array.from(tagStart),
      types: Uint8Array.from(types), ids: Float64Array.from(ids), bbox: Int16Array.from(bbox),
    };
    self.postMessage(out, [out.coords.buffer, out.rings.buffer, out.tags.buffer, out.ringStart.buffer, out.tagStart.buffer, out.types.buffer, out.ids.buffer, out.bbox.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message || err) });
  }
};
