// A canvas L.GridLayer for LandAtlas' Mapbox Vector Tiles: fetch (abortable) → decode in a worker → draw with
// a style function in frame-sized slices (so 200,000-parcel counties never freeze the page) → keep the
// decoded features per tile for hit-testing clicks and hover in tile pixel space.
import L from 'leaflet';
import { loadingStart, loadingEnd } from './ui.js';

// ---- one shared decoder worker ---------------------------------------------------------------------------
let worker;
let seq = 0;
const waiting = new Map();
function decode(buf) {
  worker ??= (() => {
    const w = new Worker(new URL('./decode-worker.js', import.meta.url), { type: 'module' });
    w.onmessage = ({ data }) => {
      const p = waiting.get(data.id);
      waiting.delete(data.id);
      if (!p) return;
      if (data.error) p.reject(new Error(data.error));
      else p.resolve(data);
    };
    return w;
  })();
  return new Promise((resolve, reject) => {
    const id = ++seq;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, buf }, [buf]);
  });
}

// ---- frame-sliced drawing queue (shared by all layers) -------------------------------------------------------
// A job returns true when it has more to do (it checks sliceOver() itself and stops early); it then stays at
// the front of the queue and resumes in the next slice, so one heavy tile never blocks the page for long.
const queue = [];
let scheduled = false;
const BUDGET_MS = 8;
let deadline = 0;
function sliceOver() { return performance.now() > deadline; }
function schedule(job) {
  queue.push(job);
  if (!scheduled) {
    scheduled = true;
    kick();
  }
}
function kick() {
  if (document.hidden) setTimeout(run, 0);
  else requestAnimationFrame(run);
}
function run() {
  deadline = performance.now() + BUDGET_MS;
  while (queue.length && !sliceOver()) {
    if (queue[0]() !== true) queue.shift();
  }
  if (queue.length) kick();
  else scheduled = false;
}

/** A queue job turning the worker's columnar tile into feature objects {id, type, props, r, b}, in slices. */
function materialize(raw, rec, ready) {
  const { count, keys, values, tags, tagStart, rings, ringStart, types, ids, bbox } = raw;
  const features = new Array(count);
  let i = 0;
  return () => {
    if (rec.dead) return false;
    while (i < count) {
      if ((i & 63) === 0 && sliceOver()) return true;
      const props = {};
      for (let t = tagStart[i]; t < tagStart[i + 1]; t += 2) props[keys[tags[t]]] = values[tags[t + 1]];
      const id = ids[i];
      features[i] = {
        id: Number.isNaN(id) ? undefined : id, type: types[i], props,
        r: rings.subarray(ringStart[i], ringStart[i + 1]), b: bbox.subarray(i * 4, i * 4 + 4),
      };
      i++;
    }
    ready({ extent: raw.extent, features, coords: raw.coords });
    return false;
  };
}

export const counters = { tilesRequested: 0, tilesDrawn: 0, tilesEmpty: 0, featuresDrawn: 0, byLayer: {} };

// ---- geometry helpers in tile extent units -------------------------------------------------------------------
function pointInFeature(f, c, x, y) {
  let inside = false;
  const r = f.r;
  for (let k = 0; k < r.length; k += 2) {
    for (let i = r[k], j = r[k + 1] - 2; i < r[k + 1]; j = i, i += 2) {
      const xi = c[i], yi = c[i + 1], xj = c[j], yj = c[j + 1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
function distToFeature(f, c, x, y) {
  let best = Infinity;
  const r = f.r;
  for (let k = 0; k < r.length; k += 2) {
    const s = r[k], e = r[k + 1];
    if (e - s === 2) {
      best = Math.min(best, Math.hypot(c[s] - x, c[s + 1] - y));
      continue;
    }
    for (let i = s + 2; i < e; i += 2) {
      const ax = c[i - 2], ay = c[i - 1], bx = c[i], by = c[i + 1];
      const dx = bx - ax, dy = by - ay;
      const l2 = dx * dx + dy * dy;
      let u = l2 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
      u = Math.max(0, Math.min(1, u));
      best = Math.min(best, Math.hypot(ax + u * dx - x, ay + u * dy - y));
    }
  }
  return best;
}

/**
 * options: layer (tile layer name), params (query filters), style(props, zoom, feature) → style or null,
 * interactive, draw (false: data only, e.g. labels), onTileData(rec, added).
 * Style: {fill, stroke, width (px), dash, radius (px, points), halo: {color, width}}.
 */
export const VectorTileLayer = L.GridLayer.extend({
  options: { tileSize: 256, updateWhenZooming: false, updateWhenIdle: false, keepBuffer: 1, interactive: true, draw: true, params: {} },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this._recs = new Map();
    this.on('tileunload', (e) => this._dropTile(this._tileCoordsToKey(e.coords)));
  },

  setParams(params) {
    this.options.params = params;
    if (this._map) this.redraw();
    return this;
  },

  /** Re-style without refetching (e.g. a client-side filter changed). */
  restyle() {
    for (const rec of this._recs.values()) if (rec.data && !rec.dead) this._draw(rec);
  },

  url(coords) {
    const qs = new URLSearchParams(Object.entries(this.options.params || {}).filter(([, v]) => v != null && v !== '')).toString();
    return `/tiles/${this.options.layer}/${coords.z}/${coords.x}/${coords.y}.mvt${qs ? `?${qs}` : ''}`;
  },

  createTile(coords, done) {
    const tile = L.DomUtil.create('canvas', 'leaflet-tile');
    const size = this.getTileSize();
    const dpr = this.options.draw ? Math.min(window.devicePixelRatio || 1, 2) : 0;
    tile.width = size.x * dpr;
    tile.height = size.y * dpr;
    const key = this._tileCoordsToKey(coords);
    const ctrl = new AbortController();
    const rec = { key, coords, tile, ctrl, data: null, dead: false };
    this._recs.set(key, rec);
    counters.tilesRequested++;
    loadingStart();
    let finished = false;
    const finish = () => { if (!finished) { finished = true; loadingEnd(); } };
    rec.finish = finish;
    ctrl.signal.addEventListener('abort', finish);
    // Start the request in a frame slice, not in Leaflet's update (which creates every tile of every layer at
    // once): spreads the work and skips tiles that were dropped before their turn.
    schedule(() => {
      if (rec.dead) return;
      this._fetch(rec, done);
    });
    return tile;
  },

  _fetch(rec, done) {
    const { coords, tile, ctrl } = rec;
    const name = this.options.layer;
    const finish = rec.finish;
    fetch(this.url(coords), { signal: ctrl.signal })
      .then((res) => {
        if (res.status === 204) return null;
        if (!res.ok) return res.text().then((txt) => { throw new Error(`${res.status} ${name}: ${txt.slice(0, 200)}`); });
        return res.arrayBuffer();
      })
      .then((buf) => (buf && buf.byteLength ? decode(buf) : null))
      .then((raw) => {
        finish();
        if (rec.dead) return;
        const ready = (data) => {
          rec.data = data;
          if (!data.features.length) counters.tilesEmpty++;
          this.fire('tiledata', { rec });
          if (!this.options.draw) { done(null, tile); return; }
          this._draw(rec, () => done(null, tile));
        };
        if (!raw || !raw.count) { ready({ extent: raw?.extent ?? 4096, features: [], coords: new Int16Array(0) }); return; }
        schedule(materialize(raw, rec, ready));
      })
      .catch((err) => {
        finish();
        if (err.name === 'AbortError' || rec.dead) return;
        this.fire('tilefail', { error: err });
        done(err, tile);
      });
  },

  _dropTile(key) {
    const rec = this._recs.get(key);
    if (!rec) return;
    rec.dead = true;
    rec.ctrl.abort();
    this._recs.delete(key);
    this.fire('tiledrop', { rec });
  },

  onRemove(map) {
    L.GridLayer.prototype.onRemove.call(this, map);
    for (const key of [...this._recs.keys()]) this._dropTile(key);
  },

  /**
   * Draws a tile as a resumable job in the shared queue: styling and path building, then painting, both in
   * slices of BUDGET_MS (a tile's features are split into path segments of bounded size). A tile that already
   * shows something is redrawn off-screen and copied at the end, so restyling doesn't flash empty tiles.
   */
  _draw(rec, onDone) {
    const token = (rec.drawToken = {});
    if (onDone) rec.onDone = onDone; // a superseded job hands its completion callback to this one
    const { tile, data, coords } = rec;
    const offscreen = rec.drawn ? document.createElement('canvas') : null;
    if (offscreen) { offscreen.width = tile.width; offscreen.height = tile.height; }
    const target = offscreen || tile;
    const ext = data.extent;
    const k = tile.width / ext;
    const px = ext / this.getTileSize().x; // extent units per CSS pixel
    const c = data.coords;
    const fs = data.features;
    const style = this.options.style;
    const groups = new Map();
    const b = (counters.byLayer[this.options.layer] ??= { tiles: 0, features: 0, drawMs: 0, maxDrawMs: 0, slices: 0 });
    const SEG_VERTICES = 12000;
    let ctx = null;
    let i = 0;
    let drawn = 0;
    let ops = null;
    let op = 0;
    let ms = 0;
    const build = () => {
      while (i < fs.length) {
        if ((i & 31) === 0 && sliceOver()) return false;
        const f = fs[i++];
        const st = style(f.props, coords.z, f);
        f.st = st;
        if (!st) continue;
        drawn++;
        const key = st.key || `${st.fill}|${st.stroke}|${st.width}|${st.dash}|${st.radius}|${st.halo?.color}`;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { st, type: f.type, segs: [], path: null, n: 0 }));
        const r = f.r;
        if (!g.path || g.n > SEG_VERTICES) {
          g.path = new Path2D();
          g.n = 0;
          g.segs.push(g.path);
        }
        const p = g.path;
        g.n += (r[r.length - 1] - r[0]) >> 1;
        if (f.type === 1) {
          const rad = (st.radius || 4) * px;
          for (let q = 0; q < r.length; q += 2) {
            for (let j = r[q]; j < r[q + 1]; j += 2) {
              p.moveTo(c[j] + rad, c[j + 1]);
              p.arc(c[j], c[j + 1], rad, 0, Math.PI * 2);
            }
          }
        } else {
          for (let q = 0; q < r.length; q += 2) {
            const s = r[q], e = r[q + 1];
            p.moveTo(c[s], c[s + 1]);
            for (let j = s + 2; j < e; j += 2) p.lineTo(c[j], c[j + 1]);
            if (f.type === 3) p.closePath();
          }
        }
      }
      return true;
    };
    const planOps = () => {
      ops = [];
      for (const g of groups.values()) {
        const { st } = g;
        if (st.fill && g.type !== 2) {
          ops.push(() => { ctx.fillStyle = st.fill; });
          for (const path of g.segs) ops.push(() => ctx.fill(path, 'evenodd'));
        }
        if (st.halo) {
          ops.push(() => { ctx.setLineDash([]); ctx.strokeStyle = st.halo.color; ctx.lineWidth = st.halo.width * px; });
          for (const path of g.segs) ops.push(() => ctx.stroke(path));
        }
        if (st.stroke) {
          ops.push(() => { ctx.setLineDash(st.dash ? st.dash.map((d) => d * px) : []); ctx.strokeStyle = st.stroke; ctx.lineWidth = (st.width ?? 1) * px; });
          for (const path of g.segs) ops.push(() => ctx.stroke(path));
        }
      }
      ctx = target.getContext('2d');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, target.width, target.height);
      ctx.setTransform(k, 0, 0, k, 0, 0);
      ctx.lineJoin = 'round';
      ctx.lineCap = 'round';
    };
    const job = () => {
      if (rec.dead || rec.drawToken !== token) return false;
      const t0 = performance.now();
      b.slices++;
      let finished = false;
      if (!ops) {
        if (build()) planOps();
      }
      if (ops) {
        while (op < ops.length && !sliceOver()) ops[op++]();
        finished = op >= ops.length;
      }
      ms += performance.now() - t0;
      if (!finished) return true;
      if (offscreen) {
        const tctx = tile.getContext('2d');
        tctx.setTransform(1, 0, 0, 1, 0, 0);
        tctx.clearRect(0, 0, tile.width, tile.height);
        tctx.drawImage(offscreen, 0, 0);
      }
      rec.drawn = true;
      counters.tilesDrawn++;
      counters.featuresDrawn += drawn;
      b.tiles++;
      b.features += drawn;
      b.drawMs += ms;
      b.maxDrawMs = Math.max(b.maxDrawMs, ms);
      rec.drawnFeatures = drawn;
      const cb = rec.onDone;
      rec.onDone = null;
      cb?.();
      return false;
    };
    schedule(job);
  },

  /** Features under a map point, top-most first: [{feature, layer}] within tolPx CSS pixels for points and lines. */
  hitTest(latlng, tolPx = 5) {
    if (!this._map || this._tileZoom == null) return [];
    const z = this._tileZoom;
    const size = this.getTileSize().x;
    const p = this._map.project(latlng, z);
    const tx = Math.floor(p.x / size), ty = Math.floor(p.y / size);
    const rec = this._recs.get(`${tx}:${ty}:${z}`);
    if (!rec || !rec.data) return [];
    const ext = rec.data.extent;
    const x = ((p.x - tx * size) * ext) / size, y = ((p.y - ty * size) * ext) / size;
    const tol = (tolPx * ext) / size;
    const c = rec.data.coords;
    const hits = [];
    const fs = rec.data.features;
    for (let i = fs.length - 1; i >= 0; i--) {
      const f = fs[i];
      if (this.options.draw && !f.st) continue;
      const [x0, y0, x1, y1] = f.b;
      if (x < x0 - tol || x > x1 + tol || y < y0 - tol || y > y1 + tol) continue;
      const fillHit = f.type === 3 && (this.options.polygonHit ?? true);
      if (fillHit ? pointInFeature(f, c, x, y) : distToFeature(f, c, x, y) <= tol + ((f.st?.radius || 0) * ext) / size) {
        hits.push({ feature: f, layer: this, rec });
      }
    }
    return hits;
  },

  /** Rings of a tile feature as Leaflet LatLngs (for hover outlines). */
  featureLatLngs(rec, f) {
    const size = this.getTileSize().x;
    const { x, y, z } = rec.coords;
    const ext = rec.data.extent;
    const c = rec.data.coords;
    const out = [];
    for (let i = 0; i < f.r.length; i += 2) {
      const ring = [];
      for (let j = f.r[i]; j < f.r[i + 1]; j += 2) {
        ring.push(this._map.unproject([x * size + (c[j] * size) / ext, y * size + (c[j + 1] * size) / ext], z));
      }
      out.push(ring);
    }
    return out;
  },

  /** Decoded tiles currently held (for labels and tests). */
  records() { return [...this._recs.values()].filter((r) => r.data && !r.dead); },
});

export function vectorTileLayer(options) { return new VectorTileLayer(options); }
