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
export function sliceOver() { return performance.now() > deadline; }
export function schedule(job) {
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
function materialize(raw, rec, ready, dropped) {
  const { count, keys, values, tags, tagStart, rings, ringStart, types, ids, bbox } = raw;
  const features = new Array(count);
  let i = 0;
  return () => {
    if (rec.dead) { dropped(); return false; }
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
 * Style: {fill, stroke, width (px), dash (true, or a pattern in px), radius (px, points), halo: {color, width}}.
 */
export const VectorTileLayer = L.GridLayer.extend({
  options: { tileSize: 256, updateWhenZooming: false, updateWhenIdle: false, keepBuffer: 1, interactive: true, draw: true, params: {} },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this._recs = new Map();
    this.on('tileunload', (e) => this._dropTile(this._tileCoordsToKey(e.coords)));
  },

  // With options.composite (a name), the layer has no tiles of its own: it fetches and hit-tests as usual but
  // draws into the canvas tiles of a CompositeLayer shared with the other layers of that name (e.g. the three
  // boundary layers: one canvas and one draw pass per tile instead of three).
  getEvents() { return this.options.composite ? {} : L.GridLayer.prototype.getEvents.call(this); },

  onAdd(map) {
    if (!this.options.composite) { L.GridLayer.prototype.onAdd.call(this, map); return; }
    this._composite = compositeFor(map, this.options.composite);
    this._composite.addMember(this);
  },

  onRemove(map) {
    if (this._composite) {
      const comp = this._composite;
      this._composite = null;
      for (const key of [...this._recs.keys()]) this._dropTile(key);
      comp.removeMember(this);
      return;
    }
    L.GridLayer.prototype.onRemove.call(this, map);
    for (const key of [...this._recs.keys()]) this._dropTile(key);
  },

  _zoomOfTiles() { return this._composite ? this._composite._tileZoom : this._tileZoom; },

  setParams(params) {
    this.options.params = params;
    if (this._composite) this._composite.redraw();
    else if (this._map) this.redraw();
    return this;
  },

  /** Re-style without refetching (e.g. a client-side filter changed). */
  restyle() {
    if (this._composite) { this._composite.restyle(); return; }
    for (const rec of this._recs.values()) if (rec.data && !rec.dead) this._draw(rec);
  },

  url(coords) {
    const qs = new URLSearchParams(Object.entries(this.options.params || {}).filter(([, v]) => v != null && v !== '')).toString();
    return `/tiles/${this.options.layer}/${coords.z}/${coords.x}/${coords.y}.mvt${qs ? `?${qs}` : ''}`;
  },

  _newRec(coords, tile) {
    const key = this._tileCoordsToKey(coords);
    this._dropTile(key);
    const ctrl = new AbortController();
    const rec = { key, coords, tile, ctrl, data: null, dead: false };
    this._recs.set(key, rec);
    counters.tilesRequested++;
    loadingStart();
    let finished = false;
    const finish = () => { if (!finished) { finished = true; loadingEnd(); } };
    rec.finish = finish;
    ctrl.signal.addEventListener('abort', finish);
    return rec;
  },

  createTile(coords, done) {
    const tile = L.DomUtil.create('canvas', 'leaflet-tile');
    const size = this.getTileSize();
    const dpr = this.options.draw ? Math.min(window.devicePixelRatio || 1, 2) : 0;
    tile.width = size.x * dpr;
    tile.height = size.y * dpr;
    const rec = this._newRec(coords, tile);
    // Start the request in a frame slice, not in Leaflet's update (which creates every tile of every layer at
    // once): spreads the work and skips tiles that were dropped before their turn.
    schedule(() => {
      if (rec.dead) return;
      this._load(rec).then((ok) => {
        if (!ok) return;
        if (!this.options.draw) done(null, tile);
        else this._draw(rec, () => done(null, tile));
      }, (err) => done(err, tile));
    });
    return tile;
  },

  /** Fetch, decode and materialize a tile's features into rec.data: true when ready, false when dropped. */
  _load(rec) {
    const { coords, ctrl } = rec;
    const name = this.options.layer;
    const finish = rec.finish;
    return fetch(this.url(coords), { signal: ctrl.signal })
      .then((res) => {
        if (res.status === 204) return null;
        if (!res.ok) return res.text().then((txt) => { throw new Error(`${res.status} ${name}: ${txt.slice(0, 200)}`); });
        return res.arrayBuffer();
      })
      .then((buf) => (buf && buf.byteLength ? decode(buf) : null))
      .then((raw) => new Promise((resolve) => {
        finish();
        if (rec.dead) { resolve(false); return; }
        const ready = (data) => {
          rec.data = data;
          if (!data.features.length) counters.tilesEmpty++;
          this.fire('tiledata', { rec });
          resolve(true);
        };
        if (!raw || !raw.count) ready({ extent: raw?.extent ?? 4096, features: [], coords: new Int16Array(0) });
        else schedule(materialize(raw, rec, ready, () => resolve(false)));
      }))
      .catch((err) => {
        finish();
        if (err.name === 'AbortError' || rec.dead) return false;
        this.fire('tilefail', { error: err });
        throw err;
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

  _draw(rec, onDone) {
    const token = (rec.drawToken = {});
    if (onDone) rec.onDone = onDone; // a superseded job hands its completion callback to this one
    paintJob(rec, [this._painter(rec)], token);
  },

  /**
   * Styling and path building for one tile's features, resumable (build() returns false when the slice is
   * over), then a list of canvas operations (ops(ctx)), features split into path segments of bounded size.
   */
  _painter(rec) {
    const { tile, data, coords } = rec;
    const ext = data.extent;
    const px = ext / this.getTileSize().x; // extent units per CSS pixel
    const c = data.coords;
    const fs = data.features;
    const style = this.options.style;
    const groups = new Map();
    const SEG_VERTICES = 12000;
    const painter = {
      layer: this, k: tile.width / ext, drawn: 0, ms: 0,
      stats: (counters.byLayer[this.options.layer] ??= { tiles: 0, features: 0, drawMs: 0, maxDrawMs: 0 }),
    };
    let i = 0;
    painter.build = () => {
      while (i < fs.length) {
        if ((i & 31) === 0 && sliceOver()) return false;
        const f = fs[i++];
        const st = style(f.props, coords.z, f);
        f.st = st;
        if (!st) continue;
        painter.drawn++;
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
    painter.ops = () => {
      const k = painter.k;
      const ops = [(ctx) => { ctx.setTransform(k, 0, 0, k, 0, 0); ctx.lineJoin = 'round'; ctx.lineCap = 'round'; }];
      for (const g of groups.values()) {
        const { st } = g;
        if (st.fill && g.type !== 2) {
          ops.push((ctx) => { ctx.fillStyle = st.fill; });
          for (const path of g.segs) ops.push((ctx) => ctx.fill(path, 'evenodd'));
        }
        if (st.halo) {
          ops.push((ctx) => { ctx.setLineDash([]); ctx.strokeStyle = st.halo.color; ctx.lineWidth = st.halo.width * px; });
          for (const path of g.segs) ops.push((ctx) => ctx.stroke(path));
        }
        if (st.stroke) {
          ops.push((ctx) => { ctx.setLineDash(dashPattern(st.dash).map((d) => d * px)); ctx.strokeStyle = st.stroke; ctx.lineWidth = (st.width ?? 1) * px; });
          for (const path of g.segs) ops.push((ctx) => ctx.stroke(path));
        }
      }
      return ops;
    };
    painter.done = () => {
      const b = painter.stats;
      counters.tilesDrawn++;
      counters.featuresDrawn += painter.drawn;
      b.tiles++;
      b.features += painter.drawn;
      b.drawMs += painter.ms;
      b.maxDrawMs = Math.max(b.maxDrawMs, painter.ms);
      rec.drawnFeatures = painter.drawn;
    };
    return painter;
  },

  /** Features under a map point, top-most first: [{feature, layer}] within tolPx CSS pixels for points and lines. */
  hitTest(latlng, tolPx = 5) {
    const z = this._zoomOfTiles();
    if (!this._map || z == null) return [];
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

/**
 * Runs painters (one per layer, bottom first) into rec.tile as a resumable job of the shared queue. A tile
 * that already shows something is redrawn off-screen and copied at the end, so restyling doesn't flash.
 */
function paintJob(rec, painters, token) {
  const { tile } = rec;
  const offscreen = rec.drawn ? document.createElement('canvas') : null;
  if (offscreen) { offscreen.width = tile.width; offscreen.height = tile.height; }
  const target = offscreen || tile;
  let pi = 0;
  let ops = null;
  let op = 0;
  let ctx = null;
  schedule(() => {
    if (rec.dead || rec.drawToken !== token) return false;
    while (pi < painters.length) {
      const p = painters[pi];
      const t0 = performance.now();
      const built = p.build();
      p.ms += performance.now() - t0;
      if (!built) return true;
      pi++;
      if (sliceOver()) return true;
    }
    if (!ops) {
      ops = [];
      for (const p of painters) for (const fn of p.ops()) ops.push([fn, p]);
      ctx = target.getContext('2d');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, target.width, target.height);
    }
    while (op < ops.length) {
      if (sliceOver()) return true;
      const t0 = performance.now();
      const [fn, p] = ops[op++];
      fn(ctx);
      p.ms += performance.now() - t0;
    }
    if (offscreen) {
      const tctx = tile.getContext('2d');
      tctx.setTransform(1, 0, 0, 1, 0, 0);
      tctx.clearRect(0, 0, tile.width, tile.height);
      tctx.drawImage(offscreen, 0, 0);
    }
    rec.drawn = true;
    for (const p of painters) p.done();
    const cb = rec.onDone;
    rec.onDone = null;
    cb?.();
    return false;
  });
}

/** The shared canvas tiles of composite member layers (see VectorTileLayer options.composite). */
const CompositeLayer = L.GridLayer.extend({
  options: { tileSize: 256, updateWhenZooming: false, updateWhenIdle: false, keepBuffer: 1, maxZoom: 19 },

  initialize(options) {
    L.GridLayer.prototype.initialize.call(this, options);
    this.members = [];
    this._crecs = new Map();
    this.on('tileunload', (e) => this._dropCrec(this._tileCoordsToKey(e.coords)));
  },

  addMember(m) {
    if (!this.members.includes(m)) this.members.push(m);
    this.members.sort((a, b) => (a.options.zIndex ?? 0) - (b.options.zIndex ?? 0));
    this.setZIndex(Math.max(...this.members.map((x) => x.options.zIndex ?? 0)));
    if (!this._map) m._map.addLayer(this);
    else for (const crec of this._crecs.values()) this._fill(crec);
  },

  removeMember(m) {
    this.members = this.members.filter((x) => x !== m);
    if (!this.members.length) { this._map?.removeLayer(this); return; }
    for (const crec of this._crecs.values()) this._fill(crec);
  },

  restyle() { for (const crec of this._crecs.values()) this._fill(crec); },

  createTile(coords, done) {
    const tile = L.DomUtil.create('canvas', 'leaflet-tile');
    const size = this.getTileSize();
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    tile.width = size.x * dpr;
    tile.height = size.y * dpr;
    const key = this._tileCoordsToKey(coords);
    const crec = { key, coords, tile, subs: [], dead: false, gen: 0, onDone: () => done(null, tile) };
    this._crecs.set(key, crec);
    schedule(() => { if (!crec.dead) this._fill(crec); });
    return tile;
  },

  /** Loads what the tile's current members still lack, then paints all of them in one pass. */
  _fill(crec) {
    const { coords } = crec;
    const gen = ++crec.gen;
    const want = this.members.filter((m) => coords.z >= (m.options.minZoom ?? 0) && coords.z <= (m.options.maxZoom ?? 99));
    crec.subs = crec.subs.filter((s) => !s.rec.dead && want.includes(s.layer));
    for (const m of want) {
      if (crec.subs.some((s) => s.layer === m)) continue;
      const rec = m._newRec(coords, crec.tile);
      crec.subs.push({ layer: m, rec, ready: m._load(rec).catch(() => false) });
    }
    Promise.all(crec.subs.map((s) => s.ready)).then(() => {
      if (crec.dead || crec.gen !== gen) return;
      const painters = want.map((m) => crec.subs.find((s) => s.layer === m))
        .filter((s) => s && s.rec.data && !s.rec.dead).map((s) => s.layer._painter(s.rec));
      paintJob(crec, painters, (crec.drawToken = {}));
    });
  },

  _dropCrec(key) {
    const crec = this._crecs.get(key);
    if (!crec) return;
    crec.dead = true;
    this._crecs.delete(key);
    for (const s of crec.subs) if (s.layer._recs.get(key) === s.rec) s.layer._dropTile(key);
  },
});

function compositeFor(map, name) {
  const all = (map._landatlasComposites ??= {});
  return (all[name] ??= new CompositeLayer());
}

export function vectorTileLayer(options) { return new VectorTileLayer(options); }

/** A style's dash as a canvas pattern: an array as given, `true` as the legend's dashed line (panels.js), else solid. */
function dashPattern(dash) {
  if (Array.isArray(dash)) return dash;
  return dash ? [6, 4] : [];
}
