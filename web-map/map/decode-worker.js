// Decodes Mapbox Vector Tiles off the main thread into flat Int16 coordinates (tile extent units) plus
// per-feature ring offsets and bounding boxes, so the page only draws and hit-tests.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

self.onmessage = ({ data: { id, buf } }) => {
  try {
    const tile = new VectorTile(new PbfReader(new Uint8Array(buf)));
    let coords = new Int16Array(8192);
    let n = 0;
    const features = [];
    let extent = 4096;
    for (const name in tile.layers) {
      const layer = tile.layers[name];
      extent = layer.extent;
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        const rings = f.loadGeometry();
        const r = [];
        let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
        for (const ring of rings) {
          if (n + ring.length * 2 > coords.length) {
            const bigger = new Int16Array(Math.max(coords.length * 2, n + ring.length * 2 + 1024));
            bigger.set(coords);
            coords = bigger;
          }
          r.push(n);
          for (const p of ring) {
            coords[n++] = p.x;
            coords[n++] = p.y;
            if (p.x < x0) x0 = p.x;
            if (p.x > x1) x1 = p.x;
            if (p.y < y0) y0 = p.y;
            if (p.y > y1) y1 = p.y;
          }
          r.push(n);
        }
        features.push({ id: f.id, type: f.type, props: { ...f.properties }, r, b: [x0, y0, x1, y1] });
      }
    }
    const out = coords.slice(0, n);
    self.postMessage({ id, extent, features, coords: out }, [out.buffer]);
  } catch (err) {
    self.postMessage({ id, error: String(err && err.message || err) });
  }
};
